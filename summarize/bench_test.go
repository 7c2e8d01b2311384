package summarize

import (
	"strings"
	"testing"

	"github.com/claimwatch/claimwatch"
)

// benchReports are reports of about 2 KB, one per language, written for
// the benchmark.
func benchReports() []claimwatch.Report {
	ar := []string{
		"أعلنت «المقاومة الإسلامية في العراق» في بيان مساء الاثنين مسؤوليتها عن استهداف قاعدة حرير في أربيل بطائرتين مسيّرتين، وقالت إن الهجوم أصاب أهدافه بدقة.",
		"وقال مسؤول عسكري أميركي إن الهجوم لم يسفر عن إصابات في صفوف القوات الأميركية، مشيراً إلى أن الدفاعات الجوية اعترضت إحدى الطائرتين.",
		"وأحصت وزارة الدفاع الأميركية ١٢٠ هجوماً على قواتها في العراق وسوريا منذ 17 تشرين الأول/أكتوبر.",
		"وفي محافظة ديالى، قُتل ثلاثة جنود عراقيين وأصيب خمسة آخرون بانفجار عبوة ناسفة استهدفت دوريتهم قرب بعقوبة صباح الثلاثاء، ولم تتبنَّ أي جهة الهجوم.",
		"وحمّلت قيادة العمليات المشتركة تنظيم داعش مسؤولية التفجير، مؤكدة أن قواتها تلاحق المنفذين.",
		"من جهته، شدد رئيس الوزراء العراقي محمد شياع السوداني على أن الحكومة لن تسمح باستخدام أراضي العراق منطلقاً للاعتداءات على دول الجوار.",
		"وحذّر وزير الخارجية الإيراني من أن استمرار الحرب في غزة سيؤدي إلى توسع رقعة الصراع في المنطقة.",
		"وكانت الولايات المتحدة قد شنت غارات جوية على مواقع لكتائب حزب الله في منطقة القائم غرب العراق الأسبوع الماضي.",
	}
	en := []string{
		"BAGHDAD A drone struck Ain al-Asad air base in western Iraq on Monday, causing minor injuries to two US service members, a US official said.",
		"The Islamic Resistance in Iraq, an umbrella of Iran-backed armed factions, claimed responsibility for the attack in a statement on Telegram.",
		"US forces in Iraq and Syria have been attacked at least 120 times since October 17, according to the Pentagon.",
		"In a separate incident, a roadside bomb hit an Iraqi army patrol near Baquba in Diyala province on Tuesday, killing three soldiers and wounding five, police said.",
		"No group claimed responsibility, but security officials blamed Islamic State militants, who remain active in the area.",
		"\"We will respond at a time and place of our choosing,\" Defense Secretary Lloyd Austin told reporters at the Pentagon.",
		"Prime Minister Mohammed Shia al-Sudani said his government would protect diplomatic missions and foreign advisers.",
		"The attack came hours after a rocket landed near the US embassy in Baghdad's Green Zone late on Sunday without causing casualties, Iraqi security sources said.",
		"Iraqi authorities have arrested several suspects in earlier attacks, a spokesman for the interior ministry said, without giving details about their affiliation.",
		"Kataib Hezbollah, one of the most powerful factions, said in a statement that its operations against the occupation forces would continue until the last foreign soldier leaves the country.",
		"Houthi forces fired two anti-ship missiles at a commercial tanker in the Red Sea on Wednesday, the US Central Command said, adding that no damage was reported.",
	}
	return []claimwatch.Report{
		{Title: "مسيّرتان تستهدفان قاعدة حرير", Text: strings.Join(ar, "\n\n"), Published: pub},
		{Title: "Drone hits Ain al-Asad air base", Text: strings.Join(en, "\n\n"), Published: pub},
	}
}

func BenchmarkExtract(b *testing.B) {
	e := extractor(b)
	rs := benchReports()
	var size int64
	for _, r := range rs {
		size += int64(len(r.Title) + len(r.Text))
	}
	b.SetBytes(size / int64(len(rs)))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		e.Extract(rs[n%len(rs)])
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "reports/s")
}
