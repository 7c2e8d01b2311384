package summarize

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch"
)

// newTestExtractor builds one extractor for the whole test binary.
var newTestExtractor = sync.OnceValues(func() (*Extractor, error) { return New(Options{}) })

func extractor(t testing.TB) *Extractor {
	t.Helper()
	e, err := newTestExtractor()
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return e
}

// pub is a Wednesday.
var pub = time.Date(2024, time.January, 10, 9, 30, 0, 0, time.UTC)

// wantAttack lists what a test checks on one attack; empty fields are not
// checked, except Killed and Injured which use -1 for "null".
type wantAttack struct {
	claimant string
	resp     claimwatch.Responsibility
	weapons  []claimwatch.Weapon
	country  string
	target   string // a word the target or target_text contains
	killed   int    // -1: null, -2: not checked
	injured  int
	date     string
}

func TestExtract(t *testing.T) {
	tests := []struct {
		name       string
		title      string
		text       string
		lang       string
		attacks    []wantAttack // nil: no attack at all
		speakers   []string     // words each expected speaker contains
		noSpeakers []string     // words no speaker may contain
		tallies    []int
	}{
		{
			name:  "an Arabic claim of a drone strike on a base that hurt nobody resolves the weekday",
			title: "مسيّرة تستهدف قاعدة حرير في أربيل",
			text: "أعلنت «المقاومة الإسلامية في العراق» مسؤوليتها عن استهداف قاعدة حرير بطائرةٍ مسيّرة يوم الاثنين، " +
				"ولم يسفر الهجوم عن ضحايا.\n\nوقال المتحدث باسم وزارة الدفاع الأميركية بات رايدر إن القوات ردت على الهجوم.",
			lang: "ar",
			attacks: []wantAttack{{claimant: "Islamic Resistance in Iraq", resp: claimwatch.Claimed, weapons: []claimwatch.Weapon{claimwatch.Drone},
				country: "Iraq", target: "Harir", killed: 0, injured: -1, date: "2024-01-08"}},
			speakers: []string{"بات رايدر"},
		},
		{
			name:  "diacritics, tatweel and attached prefixes do not hide a claim",
			title: "تبنّـى «داعـش» تفجيراً انتحارياً في بغداد",
			text: "قُتل ثلاثة أشخاص وأُصيب ١٢ آخرون في تفجير انتحاري بحزامٍ ناسف استهدف سوقاً شعبية في مدينة الصدر ببغداد أمس. " +
				"وتبنّى تنظيم «داعش» الهجوم في بيان.",
			lang: "ar",
			attacks: []wantAttack{{claimant: "Islamic State", resp: claimwatch.Claimed, weapons: []claimwatch.Weapon{claimwatch.Suicide},
				country: "Iraq", killed: 3, injured: 12, date: "2024-01-09"}},
		},
		{
			name:  "an English car bombing claimed by a group keeps number words and digits",
			title: "Car bomb kills seven at checkpoint in Mogadishu",
			text: "A car bomb exploded at a police checkpoint in Mogadishu on Tuesday, killing seven people and wounding 15, " +
				"officials said.\n\nAl-Shabaab claimed responsibility for the bombing in a statement on its radio station.",
			lang: "en",
			attacks: []wantAttack{{claimant: "al-Shabaab", resp: claimwatch.Claimed, weapons: []claimwatch.Weapon{claimwatch.CarBomb},
				country: "Somalia", target: "checkpoint", killed: 7, injured: 15, date: "2024-01-09"}},
		},
		{
			name:  "a government blaming a group makes the attack attributed",
			title: "Mortar rounds hit army base near Kirkuk",
			text: "Several mortar rounds struck an army base near Kirkuk late on Sunday, wounding two soldiers, the Iraqi army said. " +
				"The army blamed Islamic State for the attack.",
			lang: "en",
			attacks: []wantAttack{{claimant: "Islamic State", resp: claimwatch.Attributed, weapons: []claimwatch.Weapon{claimwatch.Mortar},
				country: "Iraq", target: "base", killed: -1, injured: 2, date: "2024-01-07"}},
		},
		{
			name:  "an attack nobody claimed stays unclaimed, with Arabic-Indic digits",
			title: "انفجار عبوة ناسفة في درنة",
			text:  "قتل ٥ أشخاص في انفجار عبوة ناسفة استهدفت دورية للشرطة في مدينة درنة صباح السبت، ولم تعلن أي جهة مسؤوليتها عن الهجوم.",
			lang:  "ar",
			attacks: []wantAttack{{resp: claimwatch.Unclaimed, weapons: []claimwatch.Weapon{claimwatch.IED}, country: "Libya",
				target: "دورية", killed: 5, injured: -1, date: "2024-01-06"}},
		},
		{
			name:  "Katyusha rockets are rockets, not shelling, and an explicit date with the Levantine month resolves",
			title: "صواريخ على السفارة",
			text:  "سقطت ثلاثة صواريخ كاتيوشا قرب السفارة الأميركية في بغداد في 7 كانون الثاني/يناير دون وقوع إصابات.",
			lang:  "ar",
			attacks: []wantAttack{{resp: claimwatch.Unclaimed, weapons: []claimwatch.Weapon{claimwatch.Rocket}, country: "Iraq",
				target: "US embassy in Baghdad", killed: -2, injured: 0, date: "2024-01-07"}},
		},
		{
			name:  "a state announcing its own air strikes is the claimant",
			title: "Israeli jets strike Hamas sites in Gaza",
			text: "Israeli warplanes carried out airstrikes on a Hamas weapons depot in Khan Younis early on Monday, the Israeli army said, " +
				"in response to rocket fire from the enclave.",
			lang: "en",
			attacks: []wantAttack{{claimant: "Israel", resp: claimwatch.Claimed, weapons: []claimwatch.Weapon{claimwatch.Airstrike},
				country: "Palestine", killed: -2, injured: -2}},
		},
		{
			name:  "a sentence summing up many attacks is a tally, not an attack",
			title: "هجمات متواصلة",
			text: "وأحصى مسؤول في وزارة الدفاع ١٥٠ هجوماً ضد القوات الأميركية منذ 17 تشرين الأول/أكتوبر. " +
				"وفي اليوم نفسه استهدفت أربع هجمات قواعد التحالف.",
			lang:    "ar",
			tallies: []int{150, 4},
		},
		{
			name:    "five attacks on one day is a tally in English too",
			title:   "Attacks on US troops",
			text:    "Five attacks targeted US forces in Iraq and Syria on Friday, a Pentagon official said. A total of 120 attacks have hit US troops since October 17.",
			lang:    "en",
			tallies: []int{5, 120},
		},
		{
			name:  "speakers keep their role and name, the news agency is not one of them",
			title: "Minister warns of retaliation",
			text: "Defence Minister Yoav Gallant warned on Sunday that the army would respond, Reuters reported.\n\n" +
				"\"We will not stand by,\" Gallant said.\n\nThe foreign ministry spokesman, Ahmed Saleh, told reporters the talks would go on.",
			lang:       "en",
			speakers:   []string{"Yoav Gallant", "Ahmed Saleh"},
			noSpeakers: []string{"Reuters"},
		},
		{
			name:  "Arabic verbs of saying find the speaker after the verb and skip the agency",
			title: "تصريحات",
			text: "وأكد رئيس الوزراء العراقي محمد شياع السوداني أن الحكومة ستحمي البعثات الدبلوماسية.\n\n" +
				"وذكرت وكالة الأنباء العراقية أن الاجتماع انتهى. وحذّر وزير الخارجية الإيراني من توسع الحرب.",
			lang:       "ar",
			speakers:   []string{"السوداني", "وزير الخارجية الإيراني"},
			noSpeakers: []string{"وكالة"},
		},
		{
			name:  "a missile fired at a tanker in the Red Sea takes no country, and the group's spokesman claims it",
			title: "Houthis fire missile at tanker in Red Sea",
			text: "Yemen's Houthi rebels fired an anti-ship ballistic missile at a Liberian-flagged oil tanker in the Red Sea on Tuesday, " +
				"causing a fire on board but no injuries, the US Central Command said. Houthi military spokesman Yahya Saree said in a " +
				"televised statement that the group's naval forces had targeted the ship in support of Gaza.",
			lang: "en",
			attacks: []wantAttack{{claimant: "Houthis", resp: claimwatch.Claimed, weapons: []claimwatch.Weapon{claimwatch.Missile},
				target: "tanker", killed: 0, injured: 0, date: "2024-01-09"}},
			speakers: []string{"Yahya Saree"},
		},
		{
			name:  "Washington accusing a faction in Arabic makes the attack attributed, with Grad rockets and a dual count",
			title: "هجوم صاروخي على قاعدة عين الأسد",
			text: "تعرضت قاعدة عين الأسد الجوية في محافظة الأنبار غربي العراق، مساء الأحد، لهجوم بعدة صواريخ من طراز غراد، " +
				"ما أدى إلى إصابة جنديين أميركيين بجروح طفيفة، بحسب ما أفاد مسؤول أمني عراقي.\n\n" +
				"واتهمت واشنطن كتائب حزب الله بالوقوف وراء الهجوم، فيما لم تعلن أي جهة مسؤوليتها حتى الآن.",
			lang: "ar",
			attacks: []wantAttack{{claimant: "Kataib Hezbollah", resp: claimwatch.Attributed, weapons: []claimwatch.Weapon{claimwatch.Rocket},
				country: "Iraq", target: "Ain al-Asad air base", killed: -1, injured: 2, date: "2024-01-07"}},
		},
		{
			name:  "officials saying a group was behind an attack attribute it, and a second attack elsewhere stays apart",
			title: "Gunmen kill 12 in attack on mosque in northwest Pakistan",
			text: "Gunmen stormed a Shi'ite mosque in the town of Hangu in northwest Pakistan during Friday prayers, killing 12 worshippers " +
				"and wounding at least 20 others, police said. Officials said the Pakistani Taliban were behind the assault, though the " +
				"group denied involvement. A second attack on a police post in nearby Kohat on Thursday killed two policemen.",
			lang: "en",
			attacks: []wantAttack{
				{claimant: "Tehreek-e-Taliban Pakistan", resp: claimwatch.Attributed, weapons: []claimwatch.Weapon{claimwatch.Gunfire},
					country: "Pakistan", target: "mosque", killed: 12, injured: 20, date: "2024-01-05"},
				{resp: claimwatch.Unclaimed, country: "Pakistan", target: "police post", killed: 2, injured: -1, date: "2024-01-04"},
			},
		},
		{
			name:  "an ambush claimed by a group allied to al-Qaeda names the group, not its patron",
			title: "مقتل ستة جنود في كمين شمال مالي",
			text: "قتل ستة جنود ماليين وأصيب عشرة آخرون في كمين نصبه مسلحون لقافلة عسكرية قرب مدينة غاو شمالي مالي يوم الخميس، " +
				"وفق ما أعلن الجيش المالي. وتبنت جماعة نصرة الإسلام والمسلمين المرتبطة بتنظيم القاعدة الهجوم في بيان.",
			lang: "ar",
			attacks: []wantAttack{{claimant: "JNIM", resp: claimwatch.Claimed, weapons: []claimwatch.Weapon{claimwatch.Gunfire},
				country: "Mali", target: "قافلة", killed: 6, injured: 10, date: "2024-01-04"}},
		},
		{
			name:  "a drone strike announced by the army that flew it, then a group announcing its own strike, are two claimed attacks",
			title: "غارة إسرائيلية على جنوب لبنان تقتل ثلاثة",
			text: "استشهد ثلاثة أشخاص وأصيب اثنان آخران في غارة شنتها طائرة مسيّرة إسرائيلية على سيارة في بلدة بنت جبيل جنوبي لبنان، " +
				"بعد ظهر الأربعاء.\n\nوأعلن الجيش الإسرائيلي في بيان أنه استهدف عنصراً في حزب الله.\n\n" +
				"وفي وقت لاحق، أعلن حزب الله استهداف موقع المالكية الإسرائيلي بالصواريخ الموجهة.",
			lang: "ar",
			attacks: []wantAttack{
				{claimant: "Israel", resp: claimwatch.Claimed, country: "Lebanon", target: "بنت جبيل", killed: 3, injured: 2, date: "2024-01-10"},
				{claimant: "Hezbollah", resp: claimwatch.Claimed, weapons: []claimwatch.Weapon{claimwatch.Missile}, target: "المالكية", killed: -1, injured: -1},
			},
			speakers: []string{"Israel", "Hezbollah"},
		},
		{
			name:  "insurgents counted among the dead are victims, and the troops' state is the actor",
			title: "Nigerian troops kill 20 Boko Haram fighters in Borno raid",
			text: "Nigerian soldiers killed at least 20 Boko Haram insurgents in an operation near Bama in Borno state on Saturday, " +
				"army spokesman Onyema Nwachukwu said.",
			lang:     "en",
			attacks:  []wantAttack{{claimant: "Nigeria", resp: claimwatch.Claimed, country: "Nigeria", killed: 20, injured: -1, date: "2024-01-06"}},
			speakers: []string{"Onyema Nwachukwu"},
		},
		{
			name:  "a group's spokesman saying the group was behind a bombing claims it, and a ministry is a target",
			title: "Suicide bomber kills 14 near Kabul ministry",
			text: "KABUL (Reuters) - A suicide bomber killed at least 14 people and wounded 20 near the Ministry of Defence in central Kabul " +
				"on Wednesday, officials said. Taliban spokesman Zabihullah Mujahid said the group was behind the attack.",
			lang: "en",
			attacks: []wantAttack{{claimant: "Taliban", resp: claimwatch.Claimed, weapons: []claimwatch.Weapon{claimwatch.Suicide},
				country: "Afghanistan", target: "Ministry of Defence", killed: 14, injured: 20, date: "2024-01-10"}},
			speakers: []string{"Zabihullah Mujahid"},
		},
		{
			name:  "the same in Arabic: the movement standing behind the attack, told by its spokesman, claims it",
			title: "انتحاري يقتل 14 قرب وزارة الدفاع في كابل",
			text: "قتل 14 شخصاً على الأقل وأصيب 20 آخرون في تفجير انتحاري قرب وزارة الدفاع وسط العاصمة الأفغانية كابل اليوم الأربعاء. " +
				"وقال المتحدث باسم حركة طالبان ذبيح الله مجاهد إن الحركة تقف وراء الهجوم.",
			lang: "ar",
			attacks: []wantAttack{{claimant: "Taliban", resp: claimwatch.Claimed, weapons: []claimwatch.Weapon{claimwatch.Suicide},
				country: "Afghanistan", target: "وزارة الدفاع", killed: 14, injured: 20, date: "2024-01-10"}},
			speakers: []string{"ذبيح الله مجاهد"},
		},
		{
			name:  "a claim in a later sentence reaches the drone attack on a gas field, and a cause is no place",
			title: "هجوم بطائرتين مسيرتين على حقل كونيكو",
			text: "استهدف هجوم بطائرتين مسيرتين، فجر اليوم الاثنين، قاعدة للتحالف الدولي في حقل كونيكو للغاز بريف دير الزور الشرقي، " +
				"دون أن يسفر عن إصابات.\n\nوتبنت «المقاومة الإسلامية في العراق» في بيان استهداف القاعدة، مؤكدة أنها ستواصل عملياتها «نصرة لغزة».",
			lang: "ar",
			attacks: []wantAttack{{claimant: "Islamic Resistance in Iraq", resp: claimwatch.Claimed, weapons: []claimwatch.Weapon{claimwatch.Drone},
				country: "Syria", target: "Conoco gas field", killed: 0, injured: 0, date: "2024-01-08"}},
		},
		{
			name:  "a football report about an attacking striker has no attack",
			title: "مهاجم الفريق يقود الهجوم في مباراة الديربي",
			text:  "قاد مهاجم النادي هجوم فريقه في المباراة وسجل هدفين، وأصيب لاعب الوسط في الشوط الثاني.",
			lang:  "ar",
		},
		{
			name:  "a political attack on a rival in a debate is no attack",
			title: "Candidate goes on the attack against rival in debate",
			text:  "The senator attacked her rival's record on taxes during Tuesday's debate, and the rival hit back at a rally in Ohio.",
			lang:  "en",
		},
		{
			name:  "a cyber attack on a bank's website is no physical attack",
			title: "Hackers attack bank websites",
			text:  "Hackers launched a distributed denial of service attack on the websites of three banks in London on Monday, the banks said.",
			lang:  "en",
		},
		{
			name:  "a market report about rockets and strikes is no attack",
			title: "Shares rocket as oil stocks strike gold",
			text:  "Shares in the oil company rocketed 12 percent on Monday after investors cheered record earnings.",
			lang:  "en",
		},
		{
			name:  "an anniversary of a past bombing is no new attack",
			title: "الذكرى الثلاثون لتفجير السفارة",
			text:  "أحيا السكان أمس الذكرى الثلاثين للتفجير الذي استهدف السفارة في عام 1994 وأسفر عن مقتل 20 شخصاً.",
			lang:  "ar",
		},
		{
			name:  "a trial over a bombing years ago is no new attack",
			title: "Trial opens over 2015 hotel bombing",
			text:  "Prosecutors opened the trial on Monday of two men accused over the 2015 bombing of a hotel in Sousse that killed 38 people.",
			lang:  "en",
		},
		{
			name:    "guided missiles are missiles, a dual rocket is a rocket, and 'no injuries' alone means nobody killed",
			title:   "صاروخان موجهان على قاعدة عين الأسد",
			text:    "سقط صاروخان موجهان مساء الخميس على قاعدة عين الأسد الجوية غرب العراق.\n\nولم تُسجَّل أي إصابات بين الجنود.",
			lang:    "ar",
			attacks: []wantAttack{{weapons: []claimwatch.Weapon{claimwatch.Missile}, country: "Iraq", target: "Ain al-Asad", killed: 0, injured: 0}},
		},
		{
			name:  "machine guns are gunfire, and a drone shot down is not",
			title: "Gunmen attack checkpoint",
			text: "Gunmen with machine guns attacked an army checkpoint near Kirkuk on Friday, killing three soldiers, police said.\n\n" +
				"A drone flying over the town was shot down by troops hours later.",
			lang:    "en",
			attacks: []wantAttack{{weapons: []claimwatch.Weapon{claimwatch.Gunfire}, target: "checkpoint", killed: 3, injured: -1}},
		},
		{
			name:    "a suicide bomber's explosive is no planted device",
			title:   "انتحاري يفجر عبوة في سوق",
			text:    "فجّر انتحاري عبوة ناسفة كان يحملها وسط سوق شعبية في مدينة مايدوغوري صباح الأحد، ما أدى إلى مقتل سبعة أشخاص.",
			lang:    "ar",
			attacks: []wantAttack{{weapons: []claimwatch.Weapon{claimwatch.Suicide}, killed: 7, injured: -1}},
		},
		{
			name:  "a claim denied across the clause and blame by the police in the same sentence",
			title: "تفجير يستهدف حافلة في الموصل",
			text: "انفجرت قنبلة داخل حافلة ركاب في مدينة الموصل مساء الاثنين، ما أسفر عن إصابة خمسة ركاب.\n\n" +
				"ولم تعلن أي جماعة حتى الآن مسؤوليتها، لكن الشرطة نسبت التفجير إلى تنظيم داعش.",
			lang:    "ar",
			attacks: []wantAttack{{claimant: "Islamic State", resp: claimwatch.Attributed, target: "حافلة", killed: -2, injured: 5}},
		},
		{
			name:  "a ministry blaming a group in a sentence with no word of attack",
			title: "Soldiers killed in ambush in Niger",
			text: "Seventeen soldiers were killed when their patrol was ambushed near the village of Banibangou on Monday, the defence ministry said.\n\n" +
				"The ministry blamed JNIM fighters operating in the area.",
			lang:    "en",
			attacks: []wantAttack{{claimant: "JNIM", resp: claimwatch.Attributed, weapons: []claimwatch.Weapon{claimwatch.Gunfire}, target: "patrol", killed: 17, injured: -2}},
		},
		{
			name:    "a state's strike told on a rescue service's word is attributed",
			title:   "غارة على منزل في خان يونس",
			text:    "قُتل خمسة أشخاص في غارة جوية إسرائيلية استهدفت منزلاً في خان يونس فجر الثلاثاء، بحسب ما أفاد الدفاع المدني.",
			lang:    "ar",
			attacks: []wantAttack{{claimant: "Israel", resp: claimwatch.Attributed, weapons: []claimwatch.Weapon{claimwatch.Airstrike}, killed: 5, injured: -1}},
		},
		{
			name:  "two attacks joined by كما keep their own weapons and the subject",
			title: "الحوثيون يستهدفون سفينة وإيلات",
			text:  "أعلن الحوثيون أنهم استهدفوا ناقلة نفط في خليج عدن بطائرات مسيّرة، كما أطلقوا صواريخ باليستية على مدينة إيلات جنوب إسرائيل.",
			lang:  "ar",
			attacks: []wantAttack{
				{claimant: "Houthis", resp: claimwatch.Claimed, weapons: []claimwatch.Weapon{claimwatch.Drone}, killed: -2, injured: -2},
				{claimant: "Houthis", resp: claimwatch.Claimed, weapons: []claimwatch.Weapon{claimwatch.Missile}, target: "Eilat", killed: -2, injured: -2},
			},
		},
		{
			name:  "mortars near an airport are not the airstrike told before in the same city",
			title: "ضربة جوية قرب بغداد",
			text: "شنت طائرات حربية ضربة جوية على مستودع أسلحة في منطقة اليوسفية جنوب بغداد ليل الأحد.\n\n" +
				"وفي سياق منفصل، سقطت قذيفتا هاون قرب مطار بغداد الدولي دون وقوع خسائر بشرية.",
			lang: "ar",
			attacks: []wantAttack{
				{weapons: []claimwatch.Weapon{claimwatch.Airstrike}, killed: -2, injured: -2},
				{weapons: []claimwatch.Weapon{claimwatch.Mortar}, target: "Baghdad airport", killed: 0, injured: 0},
			},
		},
		{
			name:    "tallies glued to a prefix and told as times",
			title:   "حصيلة الهجمات",
			text:    "وتعرضت القواعد الأجنبية لـ٨٥ هجوماً منذ مطلع العام.\n\nOfficials said the bases have been attacked more than 40 times since March.",
			lang:    "en",
			tallies: []int{85, 40},
			attacks: nil,
		},
		{
			name:  "counts joined by 'and' add up, and a group active since a past year is still blamed",
			title: "Rocket attack hurts troops at Iraqi base",
			text: "Rockets struck Ain al-Asad air base in western Iraq on Tuesday, officials said. Four soldiers and three contractors were wounded.\n\n" +
				"Officials blamed Kataib Hezbollah, which has fought U.S. forces since 2004.",
			lang: "en",
			attacks: []wantAttack{{claimant: "Kataib Hezbollah", resp: claimwatch.Attributed, weapons: []claimwatch.Weapon{claimwatch.Rocket},
				target: "Ain al-Asad", killed: -2, injured: 7}},
		},
		{
			name:    "a nominative dual and 'a third' are counts, and a border village is in its own country",
			title:   "غارة على بلدة حدودية",
			text:    "قُتل جنديان وأصيب ثالث بجروح في غارة جوية إسرائيلية على منزل في بلدة عيترون الحدودية مساء الجمعة.",
			lang:    "ar",
			attacks: []wantAttack{{claimant: "Israel", weapons: []claimwatch.Weapon{claimwatch.Airstrike}, country: "Lebanon", killed: 2, injured: 1}},
		},
		{
			name:  "a group's own telling of the attack just told joins it, and the cause's 'last week' is not this attack's",
			title: "Drone hits army post in northern Israel",
			text: "A drone launched by Hezbollah struck an army post near Safed on Friday, wounding three soldiers, the military said.\n\n" +
				"Hezbollah said in a statement that it had sent attack drones at the post of the infantry battalion in response to an Israeli raid last week.",
			lang: "en",
			attacks: []wantAttack{{claimant: "Hezbollah", resp: claimwatch.Claimed, weapons: []claimwatch.Weapon{claimwatch.Drone},
				country: "Israel", target: "post", killed: -2, injured: 3}},
		},
		{
			name:  "a port a ship sails on to is no target, and 'no injuries among the crew' reaches the ship",
			title: "Ship reports blast nearby",
			text: "أعلنت جماعة الحوثي أنها استهدفت سفينة تجارية في البحر الأحمر بصاروخ بحري مساء السبت.\n\n" +
				"وقالت شركة الأمن البحري إن الطاقم أبلغ عن انفجار قرب السفينة، ولم تسجل أي إصابات بين البحارة وأن السفينة تواصل رحلتها إلى الميناء التالي.",
			lang: "ar",
			attacks: []wantAttack{{claimant: "Houthis", resp: claimwatch.Claimed, weapons: []claimwatch.Weapon{claimwatch.Missile},
				target: "سفينة", killed: 0, injured: 0}},
		},
		{
			name:  "a third party telling that a group planted the bomb attributes it, and gunmen open fire",
			title: "مقتل جنديين بعبوة ناسفة",
			text: "قتل جنديان بانفجار عبوة ناسفة استهدفت دورية للجيش قرب قرية في محافظة ديالى صباح الأحد.\n\n" +
				"وقالت قيادة العمليات في بيان إن عناصر داعش زرعوا العبوة على جانب الطريق.\n\n" +
				"وفي حادث منفصل، هاجم مسلحون نقطة تفتيش في مدينة الموصل مساء الأحد دون وقوع إصابات.",
			lang: "ar",
			attacks: []wantAttack{
				{claimant: "Islamic State", resp: claimwatch.Attributed, weapons: []claimwatch.Weapon{claimwatch.IED}, killed: 2, injured: -2},
				{weapons: []claimwatch.Weapon{claimwatch.Gunfire}, target: "checkpoint", killed: 0, injured: 0},
			},
		},
		{
			name:    "a count told after the noun is a tally, a count of the dead is not",
			title:   "حصيلة",
			text:    "وبحسب الجماعة، فقد وصل عدد القوافل التي هاجمتها منذ مطلع الشهر إلى ٢٧ قافلة.\n\nويقدر عدد الذين قتلوا في الحرب بنحو ٥٠٠ شخص.",
			lang:    "ar",
			tallies: []int{27},
			attacks: nil,
		},
		{
			name:    "an appositive between a count and 'were killed', and an explosive-laden vehicle is a car bomb",
			title:   "Truck bomb outside factory",
			text:    "Six workers, including two women, were killed when an explosive-laden truck blew up outside a factory in Quetta on Friday, officials said.",
			lang:    "en",
			attacks: []wantAttack{{weapons: []claimwatch.Weapon{claimwatch.CarBomb}, target: "factory", killed: 6, injured: -1}},
		},
		{
			name:  "English speakers who write, call, speak for a country's ministry, or follow an adverb",
			title: "Jordan says nine died",
			text: "Jordan's health ministry said on Monday that nine people had died in the fire.\n\n" +
				"\"We will find them,\" Karim Nasser, a spokesman for the ministry, wrote on X.\n\n" +
				"Interior ministry spokesman Omar Khalid called the fire \"a tragedy.\"\n\n" +
				"Separately, the Civil Defence Directorate said its crews had left the site.",
			lang:       "en",
			speakers:   []string{"Jordan's health ministry", "Karim Nasser", "Omar Khalid", "Civil Defence Directorate"},
			noSpeakers: []string{"Separately"},
		},
		{
			name:  "a group told by its patron is blamed, in English and in Arabic, and a two-city dateline is no place",
			title: "Rockets hit base",
			text: "AMMAN/DAMASCUS (Reuters) - Three rockets struck the Tanf garrison in Syria on Monday, wounding two soldiers. " +
				"No group claimed the attack, but officials said they suspected Iran-backed militias.",
			lang: "en",
			attacks: []wantAttack{{claimant: "Iran-backed militias", resp: claimwatch.Attributed, weapons: []claimwatch.Weapon{claimwatch.Rocket},
				country: "Syria", killed: -2, injured: 2}},
		},
		{
			name:  "an Arabic group told by its patron is blamed",
			title: "هجوم على قاعدة",
			text:  "سقطت ثلاثة صواريخ على قاعدة عين الأسد الجوية الاثنين. واتهم مسؤول أميركي فصائل مسلحة موالية لإيران بالوقوف وراء الهجوم.",
			lang:  "ar",
			attacks: []wantAttack{{claimant: "Iran-backed groups", resp: claimwatch.Attributed, weapons: []claimwatch.Weapon{claimwatch.Rocket},
				country: "Iraq", killed: -2, injured: -2}},
		},
		{
			name:  "troops that came under fire are the target, and a blast of no named kind is 'other'",
			title: "Attacks on troops",
			text: "On Friday, French troops at the Gao airport camp came under mortar fire, the army said.\n\n" +
				"A separate blast struck a bus station in the city of Gao on Saturday, wounding three people.",
			lang: "en",
			attacks: []wantAttack{
				{weapons: []claimwatch.Weapon{claimwatch.Mortar}, target: "Gao airport camp", killed: -2, injured: -2},
				{weapons: []claimwatch.Weapon{claimwatch.Other}, target: "station", killed: -2, injured: 3},
			},
		},
		{
			name:  "where rockets were fired from is no target, and a headline's state is not a claim",
			title: "غارة إسرائيلية على منزل في خان يونس",
			text: "قُتل ثلاثة أشخاص في غارة جوية إسرائيلية استهدفت منزلاً في خان يونس، وفق ما أفاد مسعفون.\n\n" +
				"وقال الجيش الإسرائيلي إن صاروخين أطلقا من منطقة رفح وسقطا في منطقة مفتوحة.",
			lang: "ar",
			attacks: []wantAttack{{claimant: "Israel", resp: claimwatch.Attributed, weapons: []claimwatch.Weapon{claimwatch.Airstrike},
				target: "منزل", killed: 3, injured: -2}},
		},
		{
			name:  "a conflict's toll is no attack's count, and a toll not given is no zero",
			title: "قصف على بلدة",
			text: "قتل مدنيان في قصف مدفعي استهدف بلدة الخيام صباح الأحد، من دون أن تذكر السلطات حصيلة للجرحى.\n\n" +
				"وأحصت وزارة الصحة مقتل ٤٥٠ شخصاً في الجانب اللبناني منذ بدء التصعيد.",
			lang:    "ar",
			attacks: []wantAttack{{weapons: []claimwatch.Weapon{claimwatch.Shelling}, killed: 2, injured: -1}},
		},
		{
			name:    "a car is a target, and a span does not end on a direction or 'about'",
			title:   "Strike on car",
			text:    "A drone strike hit a car near the town of Bint Jbeil in southern Lebanon on Monday, killing one man, the state news agency said.",
			lang:    "en",
			attacks: []wantAttack{{weapons: []claimwatch.Weapon{claimwatch.Drone}, target: "car", country: "Lebanon", killed: 1, injured: -1}},
		},
		{
			name:  "the accuser is not the accused, a title's place comes before the name, and anti-ship missiles target no 'ships'",
			title: "تفجير في سوق",
			text: "انفجرت سيارة مفخخة في سوق شعبي وسط مدينة الباب في محافظة حلب ظهر الجمعة ما أدى إلى مقتل أربعة أشخاص.\n\n" +
				"واتهمت السلطات المحلية حزب العمال الكردستاني بالوقوف وراء التفجير.\n\n" +
				"وقال مدير المستشفى في المدينة سامي الأحمد إن بين الجرحى أطفالاً.",
			lang:       "ar",
			attacks:    []wantAttack{{claimant: "PKK", resp: claimwatch.Attributed, weapons: []claimwatch.Weapon{claimwatch.CarBomb}, target: "سوق", killed: 4, injured: -1}},
			speakers:   []string{"السلطات المحلية", "سامي الأحمد"},
			noSpeakers: []string{"الكردستاني"},
		},
		{
			name:  "a group that says, past an appositive, it launched drones claims the attack; 'suffered minor injuries' counts; an owner 'used by' did not strike",
			title: "Drone attack on base in Syria",
			text: "Three U.S. service members suffered minor injuries when a drone struck their base in eastern Syria on Friday, the Pentagon said.\n\n" +
				"The Islamic Resistance in Iraq, an alliance of armed factions, said in a statement it had launched drones at the base.\n\n" +
				"Later, U.S. warplanes struck a depot in eastern Syria used by Kataib Hezbollah, officials said.",
			lang: "en",
			attacks: []wantAttack{
				{claimant: "Islamic Resistance in Iraq", resp: claimwatch.Claimed, weapons: []claimwatch.Weapon{claimwatch.Drone}, country: "Syria", killed: -2, injured: 3},
				{claimant: "United States", weapons: []claimwatch.Weapon{claimwatch.Airstrike}, target: "depot", killed: -2, injured: -2},
			},
		},
		{
			name:  "the attackers' weapons told in a later sentence, a military post, and a span not ending on 'شمال شرقي محافظة'",
			title: "هجوم على نقطة عسكرية",
			text: "قتل جندي في هجوم لمسلحين على نقطة عسكرية في قضاء خانقين شمال شرقي محافظة ديالى ليل الجمعة.\n\n" +
				"وأوضح الضابط أن المهاجمين استخدموا بنادق قناصة.",
			lang:    "ar",
			attacks: []wantAttack{{weapons: []claimwatch.Weapon{claimwatch.Gunfire}, target: "military post", country: "Iraq", killed: 1, injured: -1}},
		},
		{
			name:    "a place inside a named city is the target",
			title:   "Rockets hit Green Zone",
			text:    "Three rockets struck Baghdad's Green Zone late on Tuesday, wounding one guard, security sources said.",
			lang:    "en",
			attacks: []wantAttack{{weapons: []claimwatch.Weapon{claimwatch.Rocket}, target: "Green Zone", country: "Iraq", killed: -1, injured: 1}},
		},
		{
			name:    "a tanker off a country's coast takes that country",
			title:   "Tanker attacked",
			text:    "An oil tanker was struck by a drone off the coast of Yemen on Monday, a maritime agency said.",
			lang:    "en",
			attacks: []wantAttack{{weapons: []claimwatch.Weapon{claimwatch.Drone}, target: "tanker", country: "Yemen", killed: -2, injured: -2}},
		},
		{
			name:  "names after 'عبد', a first name 'باسم' after the body, and the one an agency quotes",
			title: "تصريحات",
			text: "وصرّح وزير النقل عبد الرحيم الكناني بأن الطريق سيفتح غداً.\n\n" +
				"وقال المتحدث باسم الوزارة باسم الدليمي إن الأضرار طفيفة.\n\n" +
				"ونقلت وكالة الأنباء الرسمية عن محافظ البصرة أسعد العيداني قوله إن الميناء يعمل.",
			lang:       "ar",
			speakers:   []string{"عبد الرحيم الكناني", "باسم الدليمي", "أسعد العيداني"},
			noSpeakers: []string{"وكالة"},
		},
		{
			name:  "a toll that rose to a number is the dead, and a strike told on a health ministry's word is attributed",
			title: "Strike on school",
			text: "An Israeli airstrike hit a school in Khan Younis on Thursday, health officials said. " +
				"The death toll from the strike rose to 14 by the evening, according to medics.",
			lang:    "en",
			attacks: []wantAttack{{claimant: "Israel", resp: claimwatch.Attributed, weapons: []claimwatch.Weapon{claimwatch.Airstrike}, target: "school", killed: 14, injured: -1}},
		},
		{
			name:  "'and also fired' tells a second attack of the same group, 'Yemen's Houthis' are the actor, and 'and then came under fire' is one ambush",
			title: "Houthis claim two attacks",
			text:  "Yemen's Houthis said on Friday they had attacked a container ship in the Gulf of Aden with drones, and had also fired missiles at the port of Eilat.",
			lang:  "en",
			attacks: []wantAttack{
				{claimant: "Houthis", resp: claimwatch.Claimed, weapons: []claimwatch.Weapon{claimwatch.Drone}, target: "ship", killed: -2, injured: -2},
				{claimant: "Houthis", resp: claimwatch.Claimed, weapons: []claimwatch.Weapon{claimwatch.Missile}, target: "Eilat", country: "Israel", killed: -2, injured: -2},
			},
		},
		{
			name:    "'first hit by a landmine and then came under fire' is one ambush",
			title:   "Patrol ambushed in Mali",
			text:    "An army patrol was first hit by a landmine and then came under heavy fire near the town of Boni on Sunday, the army said.",
			lang:    "en",
			attacks: []wantAttack{{weapons: []claimwatch.Weapon{claimwatch.IED, claimwatch.Gunfire}, target: "patrol", killed: -2, injured: -2}},
		},
		{
			name:  "a headline's claim does not spread to another attack when the body says what the group owned",
			title: "Houthis claim attacks",
			text: "The Houthis said they had attacked a tanker in the Red Sea with drones, and had also fired missiles at Eilat.\n\n" +
				"Separately, a roadside bomb hit an army patrol near the Iraqi town of Tarmiyah on Friday, police said.",
			lang: "en",
			attacks: []wantAttack{
				{claimant: "Houthis", resp: claimwatch.Claimed, weapons: []claimwatch.Weapon{claimwatch.Drone}, target: "tanker", killed: -2, injured: -2},
				{claimant: "Houthis", resp: claimwatch.Claimed, weapons: []claimwatch.Weapon{claimwatch.Missile}, target: "Eilat", killed: -2, injured: -2},
				{weapons: []claimwatch.Weapon{claimwatch.IED}, target: "patrol", killed: -2, injured: -2},
			},
		},
		{
			name:  "dual bombs are ieds, and the ministry that blames is no target",
			title: "تفجير حافلة",
			text: "قتل ستة جنود بانفجار عبوتين ناسفتين استهدف حافلة عسكرية في مدينة حمص صباح الثلاثاء.\n\n" +
				"وحمّلت وزارة الداخلية تنظيم داعش مسؤولية التفجير.",
			lang:    "ar",
			attacks: []wantAttack{{claimant: "Islamic State", resp: claimwatch.Attributed, weapons: []claimwatch.Weapon{claimwatch.IED}, killed: 6, injured: -1}},
		},
		{
			name:  "'the group's fighters' is the group named just before in the sentence",
			title: "Blast at checkpoint",
			text: "A car bomb exploded at a checkpoint in Raqqa on Sunday, killing four guards, a monitor said.\n\n" +
				"Officials blamed Islamic State for the blast, two days after the group's fighters stormed a prison in Hasakah.",
			lang: "en",
			attacks: []wantAttack{
				{claimant: "Islamic State", resp: claimwatch.Attributed, weapons: []claimwatch.Weapon{claimwatch.CarBomb}, target: "checkpoint", killed: 4, injured: -2},
				{claimant: "Islamic State", target: "prison", killed: -2, injured: -2},
			},
		},
		{
			name:  "American and British strikes are the states', and the missile depots they hit are no weapon",
			title: "ضربات على الحديدة",
			text:  "شنت طائرات حربية ضربات جوية أميركية وبريطانية على مخازن صواريخ في محافظة الحديدة ليل الأحد، بحسب ما أعلنت القيادة المركزية الأميركية.",
			lang:  "ar",
			attacks: []wantAttack{{claimant: "United States", resp: claimwatch.Claimed, weapons: []claimwatch.Weapon{claimwatch.Airstrike},
				country: "Yemen", killed: -2, injured: -2}},
		},
		{
			name:    "'ولم يصب أحد بأذى' is nobody hurt, not one hurt",
			title:   "صواريخ على قاعدة",
			text:    "سقط صاروخان على قاعدة عين الأسد الجوية مساء الاثنين.\n\nولم يصب أحد بأذى.",
			lang:    "ar",
			attacks: []wantAttack{{weapons: []claimwatch.Weapon{claimwatch.Rocket}, target: "Ain al-Asad", killed: 0, injured: 0}},
		},
		{
			name:    "armed men with guided anti-tank missiles used missiles, not gunfire",
			title:   "هجوم على دورية",
			text:    "هاجم مسلحون دورية للجيش بصواريخ كورنيت قرب بلدة القائم مساء الأحد.",
			lang:    "ar",
			attacks: []wantAttack{{weapons: []claimwatch.Weapon{claimwatch.Missile}, target: "دورية", killed: -2, injured: -2}},
		},
		{
			name:    "a suicide drone is a drone, a booby-trapped drone too",
			title:   "مسيرة انتحارية",
			text:    "استهدفت طائرة مسيرة انتحارية قاعدة حرير شمال أربيل فجر الخميس.",
			lang:    "ar",
			attacks: []wantAttack{{weapons: []claimwatch.Weapon{claimwatch.Drone}, target: "Harir", killed: -2, injured: -2}},
		},
		{
			name:  "a rocket-propelled grenade is a rocket, tank fire is shelling",
			title: "Clashes",
			text:  "Fighters hit an army vehicle with a rocket-propelled grenade near Khan Sheikhoun on Monday.\n\nA day later, tank fire struck a house in the village of Habit, killing two.",
			lang:  "en",
			attacks: []wantAttack{
				{weapons: []claimwatch.Weapon{claimwatch.Rocket}, target: "vehicle", killed: -2, injured: -2},
				{weapons: []claimwatch.Weapon{claimwatch.Shelling}, target: "house", killed: 2, injured: -2},
			},
		},
		{
			name:    "a toll counted by an army across the conflict goes to no attack",
			title:   "غارة على بلدة",
			text:    "قتل مدنيان في غارة إسرائيلية على منزل في بلدة عيترون مساء الأحد.\n\nوأحصى الجيش مقتل تسعة جنود وأربعة مدنيين في الجانب الآخر.",
			lang:    "ar",
			attacks: []wantAttack{{claimant: "Israel", weapons: []claimwatch.Weapon{claimwatch.Airstrike}, country: "Lebanon", killed: 2, injured: -1}},
		},
		{
			name:    "'وبحسب' with its conjunction still sources a state's strike elsewhere",
			title:   "غارة",
			text:    "وبحسب الدفاع المدني، قتل ثلاثة أشخاص في غارة جوية إسرائيلية على سيارة قرب مدينة صور مساء الأحد.",
			lang:    "ar",
			attacks: []wantAttack{{claimant: "Israel", resp: claimwatch.Attributed, weapons: []claimwatch.Weapon{claimwatch.Airstrike}, killed: 3, injured: -2}},
		},
		{
			name:    "a state's drone named by its demonym strikes, and a group in the victim's description is no actor",
			title:   "Strike on a car",
			text:    "On Monday, a Turkish drone hit a pickup near the town of Qamishli, killing Ahmad Saleh, who led one of the PKK's local cells.",
			lang:    "en",
			attacks: []wantAttack{{claimant: "Turkey", resp: claimwatch.Claimed, weapons: []claimwatch.Weapon{claimwatch.Drone}, killed: -2, injured: -1}},
		},
		{
			name:    "shelling told on an agency's report is attributed, and 'a man was killed' is one dead",
			title:   "Shelling",
			text:    "A man was killed when Israeli shelling hit the outskirts of the village of Kfar Kila on Friday, the Lebanese state agency reported.",
			lang:    "en",
			attacks: []wantAttack{{claimant: "Israel", resp: claimwatch.Attributed, weapons: []claimwatch.Weapon{claimwatch.Shelling}, killed: 1, injured: -1}},
		},
		{
			name:    "an ordinal attack counted since a date is a tally, and without since it is none",
			title:   "Tallies",
			text:    "Officials said it was the sixth attack on the camp since April. A second attack hit a nearby road on Monday.",
			lang:    "en",
			tallies: []int{6},
		},
		{
			name:    "Arabic ordinals after the noun count attacks since a date",
			title:   "حصيلة",
			text:    "وتعد هذه الغارة هي الحادية عشرة التي تستهدف المطار منذ مطلع العام. وكان الهجوم الـ٢٧ على القوات منذ الصيف قد وقع أمس.",
			lang:    "ar",
			tallies: []int{11, 27},
		},
		{
			name:    "a state accused by a ministry is blamed, not claiming",
			title:   "اتهام",
			text:    "اتهمت وزارة الخارجية السورية الجيش الإسرائيلي بشن غارات جوية على مستودع قرب مدينة حمص الثلاثاء، ما أدى إلى مقتل ثلاثة جنود.",
			lang:    "ar",
			attacks: []wantAttack{{claimant: "Israel", resp: claimwatch.Attributed, weapons: []claimwatch.Weapon{claimwatch.Airstrike}, killed: 3, injured: -1}},
		},
		{
			name:    "a state whose military declined to comment did not tell its strike",
			title:   "Strike on a house",
			text:    "Two civilians were killed in an Israeli airstrike on a house in the town of Nabatieh on Tuesday. The Israeli military declined to comment on the strike.",
			lang:    "en",
			attacks: []wantAttack{{claimant: "Israel", resp: claimwatch.Attributed, weapons: []claimwatch.Weapon{claimwatch.Airstrike}, killed: 2, injured: -1}},
		},
		{
			name:    "a negated verb of announcing governs the claim across an aside",
			title:   "تفجير",
			text:    "انفجرت عبوة ناسفة بدورية للجيش قرب بلدة الرطبة، ما أسفر عن مقتل جنديين. ولم يعلن تنظيم داعش، الذي ينشط في الصحراء الغربية، مسؤوليته عن التفجير حتى مساء الأحد.",
			lang:    "ar",
			attacks: []wantAttack{{claimant: "", resp: claimwatch.Unclaimed, weapons: []claimwatch.Weapon{claimwatch.IED}, killed: 2, injured: -1}},
		},
		{
			name:    "a group announcing an attack across an aside of parenthesis, place and day claims it",
			title:   "تفجير",
			text:    "أعلنت حركة الشباب (المرتبطة بالقاعدة) في الصومال، صباح الأحد، تفجير عبوة ناسفة بقافلة عسكرية قرب مدينة مركا.",
			lang:    "ar",
			attacks: []wantAttack{{claimant: "al-Shabaab", resp: claimwatch.Claimed, weapons: []claimwatch.Weapon{claimwatch.IED}, killed: -1, injured: -1}},
		},
		{
			name:    "a group's spokesman telling its fighters' attack claims it",
			title:   "هجوم",
			text:    "وقال المتحدث باسم حركة الشباب عبد العزيز أبو مصعب إن مقاتلي الحركة هاجموا قاعدة للجيش قرب مدينة بلدوين بالأسلحة الرشاشة.",
			lang:    "ar",
			attacks: []wantAttack{{claimant: "al-Shabaab", resp: claimwatch.Claimed, weapons: []claimwatch.Weapon{claimwatch.Gunfire}, killed: -1, injured: -1}},
		},
		{
			name:    "a group's spokesman telling an enemy's air strike claims nothing for his group",
			title:   "غارات",
			text:    "وقال المتحدث باسم الحوثيين إن غارات أميركية استهدفت مطار صنعاء فجر اليوم.",
			lang:    "ar",
			attacks: []wantAttack{{claimant: "United States", weapons: []claimwatch.Weapon{claimwatch.Airstrike}, killed: -1, injured: -1}},
		},
		{
			name:    "a state as subject of an Arabic attack verb strikes from the air, and the drones a depot held are not its weapon",
			title:   "ضربة",
			text:    "وبعد منتصف الليل، شنت القوات الأميركية ضربة على مخزن قرب مدينة صعدة قالت إنه يضم ثلاث طائرات مسيرة، ودمرته بالكامل.",
			lang:    "ar",
			attacks: []wantAttack{{claimant: "United States", resp: claimwatch.Claimed, weapons: []claimwatch.Weapon{claimwatch.Airstrike}, killed: -1, injured: -1}},
		},
		{
			name:    "a city naming the clock is not where the attack was",
			title:   "Drone attack",
			text:    "Shortly after 9 p.m. Sanaa time, the Houthis fired a drone at a bulk carrier in the Red Sea, the UK agency said.",
			lang:    "en",
			attacks: []wantAttack{{claimant: "Houthis", weapons: []claimwatch.Weapon{claimwatch.Drone}, country: "", killed: -1, injured: -1}},
		},
		{
			name:    "storming with no weapon named is gunfire, and the hours of a siege are no toll",
			title:   "Siege",
			text:    "On Thursday, militants stormed a guesthouse in the town of Beledweyne during a six-hour siege that killed at least four guards.",
			lang:    "en",
			attacks: []wantAttack{{weapons: []claimwatch.Weapon{claimwatch.Gunfire}, killed: 4, injured: -1}},
		},
		{
			name:    "the defenders' air support is not the attack's weapon",
			title:   "هجوم",
			text:    "هاجم مسلحون بالأسلحة الرشاشة مركزا للشرطة في بلدة دامبوا، وقال ضابط إن القوات صدت الهجوم بمساندة سلاح الجو.",
			lang:    "ar",
			attacks: []wantAttack{{weapons: []claimwatch.Weapon{claimwatch.Gunfire}, killed: -1, injured: -1}},
		},
		{
			name:    "shelling with mortars is mortar fire, not artillery",
			title:   "Outpost attacked",
			text:    "Insurgents attacked an army outpost in the town of Bama on Saturday, shelling it with mortars before they withdrew.",
			lang:    "en",
			attacks: []wantAttack{{weapons: []claimwatch.Weapon{claimwatch.Mortar}, killed: -1, injured: -1}},
		},
		{
			name:    "a man blowing himself up is a suicide attack",
			title:   "Court attack",
			text:    "A man blowing himself up at the gate of a court in the city of Peshawar killed two guards on Monday.",
			lang:    "en",
			attacks: []wantAttack{{weapons: []claimwatch.Weapon{claimwatch.Suicide}, killed: 2, injured: -1}},
		},
		{
			name:    "a state written with stops before its drone strikes, and a man killed by name is one dead",
			title:   "Drone strike",
			text:    "On Friday, a U.S. drone strike on a car in the town of Al-Qaim killed Abu Hamza Saadi, a senior militia commander.",
			lang:    "en",
			attacks: []wantAttack{{claimant: "United States", resp: claimwatch.Claimed, weapons: []claimwatch.Weapon{claimwatch.Drone}, killed: 1, injured: -1}},
		},
		{
			name:    "overrunning a post is an attack",
			title:   "Border post",
			text:    "Gunmen overran a border post in the town of Kidal on Sunday.",
			lang:    "en",
			attacks: []wantAttack{{weapons: []claimwatch.Weapon{claimwatch.Gunfire}, killed: -1, injured: -1}},
		},
		{
			name:    "one officer and a dual after his rank are three dead",
			title:   "عبوة",
			text:    "قتل ضابط برتبة ملازم وشرطيان، مساء الأحد، بانفجار عبوة ناسفة استهدفت دورية للشرطة في مدينة بعقوبة.",
			lang:    "ar",
			attacks: []wantAttack{{weapons: []claimwatch.Weapon{claimwatch.IED}, killed: 3, injured: -1}},
		},
		{
			name:    "the army's toll wins over the toll in the group's claim",
			title:   "Base attack",
			text:    "Militants stormed an army base in the town of Marte on Monday, killing nine soldiers, the army said. Boko Haram later claimed the attack in a statement, saying its fighters had killed 30 soldiers.",
			lang:    "en",
			attacks: []wantAttack{{claimant: "Boko Haram", resp: claimwatch.Claimed, weapons: []claimwatch.Weapon{claimwatch.Gunfire}, killed: 9, injured: -1}},
		},
		{
			name:    "a defence ministry telling its warplanes' strikes claims them for its state, and 'that' after a verb of saying points at nothing",
			title:   "Strikes",
			text:    "The Turkish Defence Ministry said on Monday that warplanes had struck 15 PKK targets in northern Iraq, destroying caves and depots.",
			lang:    "en",
			attacks: []wantAttack{{claimant: "Turkey", resp: claimwatch.Claimed, weapons: []claimwatch.Weapon{claimwatch.Airstrike}, target: "targets", killed: -1, injured: -1}},
		},
		{
			name:    "the Arabic ministry and its own warplanes, the second of two places is a place, and the killing before is another event",
			title:   "غارات",
			text:    "أعلنت وزارة الدفاع التركية أن طائراتها الحربية شنت غارات على أهداف لحزب العمال الكردستاني في شمال العراق وسوريا، بعد مقتل أربعة جنود أتراك في اشتباك.",
			lang:    "ar",
			attacks: []wantAttack{{claimant: "Turkey", resp: claimwatch.Claimed, weapons: []claimwatch.Weapon{claimwatch.Airstrike}, target: "أهداف", killed: -1, injured: -1}},
		},
		{
			name:  "a group after 'attack on' is the target, and a blast a week earlier is its own attack",
			title: "Kabul bombing",
			text:  "On Wednesday a suicide bomber killed six people near a checkpoint in the west of Kabul, the latest attack on the Taliban administration. Islamic State Khorasan claimed the bombing. On January 3, a blast on a minibus in the city of Kabul killed two people, an attack also claimed by ISIS-K.",
			lang:  "en",
			attacks: []wantAttack{
				{claimant: "Islamic State Khorasan Province", resp: claimwatch.Claimed, weapons: []claimwatch.Weapon{claimwatch.Suicide}, target: "checkpoint", killed: 6, injured: -1, date: "2024-01-10"},
				{claimant: "Islamic State Khorasan Province", resp: claimwatch.Claimed, target: "bus", killed: 2, injured: -1, date: "2024-01-03"},
			},
		},
		{
			name:    "an earlier event told in full after 'بعد ساعات من' is an attack of its own",
			title:   "هجوم",
			text:    "وجاء الهجوم بعد ساعات من قصف بقذائف الهاون استهدف مقر قيادة العمليات في مطار أربيل.",
			lang:    "ar",
			attacks: []wantAttack{{weapons: []claimwatch.Weapon{claimwatch.Mortar}, killed: -1, injured: -1}},
		},
		{
			name:  "'في حين' joins two attacks by two sides",
			title: "تبادل",
			text:  "أعلن حزب الله أن مقاتليه استهدفوا موقع المطلة الإسرائيلي بصاروخ موجه، في حين ردّ الجيش الإسرائيلي بقصف مدفعي على أطراف بلدة كفركلا.",
			lang:  "ar",
			attacks: []wantAttack{
				{claimant: "Hezbollah", resp: claimwatch.Claimed, weapons: []claimwatch.Weapon{claimwatch.Missile}, killed: -1, injured: -1},
				{claimant: "Israel", resp: claimwatch.Claimed, weapons: []claimwatch.Weapon{claimwatch.Shelling}, target: "كفركلا", killed: -1, injured: -1},
			},
		},
		{
			name:  "a headline's other place and the dateline stay out of the first attack, whose target's demonym gives its country",
			title: "حزب الله يستهدف ثكنة زرعيت والجيش الإسرائيلي يقصف أطراف الخيام",
			text:  "بيروت - أعلن حزب الله اللبناني أن مقاتليه استهدفوا ثكنة زرعيت الإسرائيلية بصاروخ موجه، في حين ردّ الجيش الإسرائيلي بقصف مدفعي على أطراف بلدة الخيام.",
			lang:  "ar",
			attacks: []wantAttack{
				{claimant: "Hezbollah", resp: claimwatch.Claimed, weapons: []claimwatch.Weapon{claimwatch.Missile}, country: "Israel", killed: -1, injured: -1},
				{claimant: "Israel", resp: claimwatch.Claimed, weapons: []claimwatch.Weapon{claimwatch.Shelling}, country: "Lebanon", killed: -1, injured: -1},
			},
		},
		{
			name:    "a claimant the gazetteer lacks is read from its quoted name after a group noun, not its patron",
			title:   "تبني",
			text:    "قتل ثلاثة جنود بانفجار عبوة ناسفة استهدفت دورية للجيش قرب مدينة بنو. وتبنّت جماعة \"لواء الفتح\"، وهي فصيل منشق مرتبط بحركة طالبان باكستان، الهجوم.",
			lang:    "ar",
			attacks: []wantAttack{{claimant: "لواء الفتح", resp: claimwatch.Claimed, weapons: []claimwatch.Weapon{claimwatch.IED}, killed: 3, injured: -1}},
		},
		{
			name:    "an English group called by a quoted name claims",
			title:   "Roadside bomb",
			text:    "A roadside bomb killed three soldiers on a patrol near the town of Bannu on Monday. A little-known group called \"Ansar al-Fath\" claimed the attack.",
			lang:    "en",
			attacks: []wantAttack{{claimant: "Ansar al-Fath", resp: claimwatch.Claimed, weapons: []claimwatch.Weapon{claimwatch.IED}, killed: 3, injured: -1}},
		},
		{
			name:    "a raid carried out by a drone is a drone attack, a silent capital does not claim it, and a bare ordinal counts within a month",
			title:   "مقتل اثنين بغارة لمسيرة تركية قرب مخمور",
			text:    "قتل شخصان، الأحد، بغارة نفذتها طائرة مسيرة تركية على شاحنة قرب بلدة مخمور. ولم يصدر تعليق فوري من أنقرة. وهذه رابع غارة تركية على البلدة خلال آذار/مارس.",
			lang:    "ar",
			attacks: []wantAttack{{claimant: "Turkey", resp: claimwatch.Attributed, weapons: []claimwatch.Weapon{claimwatch.Drone}, killed: 2, injured: -1}},
			tallies: []int{4},
		},
		{
			name:       "a company named in quotes speaks by its name, and asking not to be named is no saying",
			title:      "ناقلة",
			text:       "وذكرت شركة \"درياد\" للاستشارات البحرية أن الناقلة ترفع علم بنما. وقال ضابط في الميناء، طالبا عدم ذكر اسمه، إن الوضع هادئ.",
			lang:       "ar",
			speakers:   []string{"درياد"},
			noSpeakers: []string{"شركة", "اسمه"},
		},
		{
			name:       "'saying' after a comma speaks for the sentence's subject, not the man named before it",
			title:      "Army statement",
			text:       "Army spokesman Onyema Nwachukwu confirmed the arrest of Abu Musab Barnawi, saying he had led the cell for years.",
			lang:       "en",
			speakers:   []string{"Onyema Nwachukwu"},
			noSpeakers: []string{"Barnawi"},
		},
		{
			name:    "no casualties told in the sentence of a group's claim count for the attack",
			title:   "Drone attack",
			text:    "The Islamic Resistance in Iraq said on Friday it had attacked U.S. forces at the Tanf garrison with a drone. The group said the strike hit its target, but a U.S. official said the drone was shot down and caused no damage or casualties.",
			lang:    "en",
			attacks: []wantAttack{{claimant: "Islamic Resistance in Iraq", resp: claimwatch.Claimed, weapons: []claimwatch.Weapon{claimwatch.Drone}, killed: 0, injured: 0}},
		},
		{
			name:    "a place in an Arabic speaker's title is not where the attack was",
			title:   "هجوم",
			text:    "تبنت \"المقاومة الإسلامية في العراق\" هجوما بطائرة مسيرة على قاعدة عين الأسد. وقال المتحدث باسم الشرطة في محافظة دهوك إن المسيرة أسقطت قبل وصولها، وإن الهجوم لم يسفر عن إصابات.",
			lang:    "ar",
			attacks: []wantAttack{{claimant: "Islamic Resistance in Iraq", resp: claimwatch.Claimed, weapons: []claimwatch.Weapon{claimwatch.Drone}, target: "Ain al-Asad", killed: 0, injured: 0}},
		},
		{
			name:    "an attack defined by its own clause after 'ردا على' is told in full, in the country near which it was",
			title:   "رد",
			text:    "وأعلنت وزارة الدفاع التركية تدمير ٢٠ هدفاً في شمال العراق، رداً على الهجوم الذي استهدف الثلاثاء مركزاً للشرطة قرب أنقرة وأسفر عن مقتل جنديين.",
			lang:    "ar",
			attacks: []wantAttack{{country: "Turkey", target: "للشرطة", killed: 2, injured: -1}},
		},
		{
			name:    "a number of dead before a raid with its preposition is no count of raids",
			title:   "غارة تركية",
			text:    "قتل ثلاثة مدنيين بغارة تركية على قرية قرب دهوك.",
			lang:    "ar",
			attacks: []wantAttack{{claimant: "Turkey", weapons: []claimwatch.Weapon{claimwatch.Airstrike}, country: "Iraq", killed: 3, injured: -1}},
		},
		{
			name:    "the toll of a sentence listing several attacks gives way to one attack's own toll",
			title:   "Wave of attacks",
			text:    "Insurgents attacked a police station, blew up a bridge and ambushed a convoy overnight, killing at least 20 people. In the town of Turbat, gunmen stormed the police station, killing four policemen.",
			lang:    "en",
			attacks: []wantAttack{{weapons: []claimwatch.Weapon{claimwatch.Gunfire}, target: "police station", killed: 4, injured: -1}},
		},
		{
			name:    "a group saying it sent a swarm of drones tells its own attack",
			title:   "Drones",
			text:    "Hezbollah said it launched a swarm of drones at an Israeli army base near Safed on Tuesday.",
			lang:    "en",
			attacks: []wantAttack{{claimant: "Hezbollah", resp: claimwatch.Claimed, weapons: []claimwatch.Weapon{claimwatch.Drone}, killed: -1, injured: -1}},
		},
		{
			name:    "a demonym on an indefinite strike names the state, told on a monitor's word",
			title:   "Strike on a car",
			text:    "Two people were killed in a Turkish strike on a car near the town of Qamishli, a war monitor said.",
			lang:    "en",
			attacks: []wantAttack{{claimant: "Turkey", resp: claimwatch.Attributed, killed: 2, injured: -1}},
		},
		{
			name:    "an Arabic indefinite bombardment with its demonym names the state",
			title:   "قصف",
			text:    "استشهد ثلاثة فلسطينيين بقصف إسرائيلي على منزل في مدينة رفح، وفق الدفاع المدني.",
			lang:    "ar",
			attacks: []wantAttack{{claimant: "Israel", resp: claimwatch.Attributed, killed: 3, injured: -1}},
		},
		{
			name:    "'at least N times' counts attacks, and a small count with since counts too",
			title:   "Tallies",
			text:    "Militias have attacked the embassy at least 40 times since January, according to officials. The Harir base has been targeted four times since the start of the month.",
			lang:    "en",
			tallies: []int{40, 4},
		},
		{
			name:    "an attack bearing a group's hallmarks is attributed to it",
			title:   "Army post attacked",
			text:    "Gunmen attacked an army post in the town of Djibo on Saturday, killing 12 soldiers. No group claimed the attack, but officials said it bore the hallmarks of the al-Qaeda-linked JNIM.",
			lang:    "en",
			attacks: []wantAttack{{claimant: "JNIM", resp: claimwatch.Attributed, weapons: []claimwatch.Weapon{claimwatch.Gunfire}, killed: 12, injured: -1}},
		},
		{
			name:    "a state's military saying it struck, with no weapon named, struck from the air",
			title:   "Strike",
			text:    "The Israeli military said it struck a Hezbollah weapons depot in the village of Khiam overnight.",
			lang:    "en",
			attacks: []wantAttack{{claimant: "Israel", resp: claimwatch.Claimed, weapons: []claimwatch.Weapon{claimwatch.Airstrike}, killed: -1, injured: -1}},
		},
		{
			name:    "a place named as the cause an attack supports is no target",
			title:   "هجوم",
			text:    "أعلن حزب الله استهداف موقع المطلة بصاروخ موجه. وقال الحزب في بيان إن العملية نفذت \"دعما لشعبنا الصامد في قطاع غزة\".",
			lang:    "ar",
			attacks: []wantAttack{{claimant: "Hezbollah", resp: claimwatch.Claimed, weapons: []claimwatch.Weapon{claimwatch.Missile}, target: "المطلة", killed: -1, injured: -1}},
		},
		{
			name:    "an army's spokesman telling gunmen's attack claims nothing for the army",
			title:   "هجوم",
			text:    "وقال المتحدث باسم الجيش العراقي إن مسلحين هاجموا نقطة تفتيش قرب مدينة كركوك وقتلوا جنديين.",
			lang:    "ar",
			attacks: []wantAttack{{claimant: "", resp: claimwatch.Unclaimed, killed: 2, injured: -1}},
		},
		{
			name:    "a military reporting a drone on its own ground claims nothing",
			title:   "Drone",
			text:    "The Iraqi military said a drone struck Erbil airport on Tuesday, causing no casualties.",
			lang:    "en",
			attacks: []wantAttack{{claimant: "", resp: claimwatch.Unclaimed, weapons: []claimwatch.Weapon{claimwatch.Drone}, killed: 0, injured: 0}},
		},
		{
			name:  "a title's name, the subject before وقال, and no speaker from a negation",
			title: "Statements",
			text: "وقال الباحث في الشؤون الأمنية سامر الحلبي إن الوضع خطير.\n\nوأدان وزير الخارجية خالد المنصوري التفجير، وقال في بيان إن الجناة سيحاسبون.\n\n" +
				"Nobody said anything about the blast.",
			lang:       "ar",
			speakers:   []string{"سامر الحلبي", "خالد المنصوري"},
			noSpeakers: []string{"Nobody"},
			attacks:    nil,
		},
		{
			name:  "a group saying its fighters killed soldiers claims the raid, and the officials' toll wins over its own",
			title: "Raid",
			text: "Boko Haram gunmen raided an army outpost near Dikwa in Borno state on Friday night, and four soldiers died, a military officer said.\n\n" +
				"Boko Haram said in an online message that its fighters had killed 25 troops.",
			lang:    "en",
			attacks: []wantAttack{{claimant: "Boko Haram", resp: claimwatch.Claimed, country: "Nigeria", killed: 4, injured: -2}},
		},
		{
			name:    "a plural's possessive mark inside a group's name does not hide the name",
			title:   "Shooting",
			text:    "Gunmen opened fire on a police station in Diyarbakir on Sunday, killing two officers.\n\nThe Kurdistan Workers' Party claimed responsibility for the shooting on Monday.",
			lang:    "en",
			attacks: []wantAttack{{claimant: "PKK", resp: claimwatch.Claimed, weapons: []claimwatch.Weapon{claimwatch.Gunfire}, killed: 2, injured: -2}},
		},
		{
			name:    "a state's ministry telling its jets' strike in another country claims it: the country before the comma is no speaker",
			title:   "Strikes",
			text:    "Turkish jets struck militant camps in northern Syria, the defence ministry said on Friday.",
			lang:    "en",
			attacks: []wantAttack{{claimant: "Turkey", resp: claimwatch.Claimed, weapons: []claimwatch.Weapon{claimwatch.Airstrike}, killed: -2, injured: -2}},
		},
		{
			name:    "a bomb at the gate and then a storming is bombing and gunfire",
			title:   "Assault",
			text:    "Militants set off a car bomb outside a police headquarters in Ghazni on Saturday and then stormed the building, killing six officers, officials said.",
			lang:    "en",
			attacks: []wantAttack{{weapons: []claimwatch.Weapon{claimwatch.CarBomb, claimwatch.Gunfire}, killed: 6, injured: -2}},
		},
		{
			name:    "armed men killing villagers with no weapon named is gunfire",
			title:   "Killings",
			text:    "Suspected insurgents killed seven herders near the village of Gwoza on Tuesday, a local official said.",
			lang:    "en",
			attacks: []wantAttack{{weapons: []claimwatch.Weapon{claimwatch.Gunfire}, killed: 7, injured: -2}},
		},
		{
			name:  "'the Turkish strike' tells again the strike told before, not a new attack",
			title: "Strikes",
			text: "Militants shelled a border post in Hakkari on Sunday, the governor said, a day after a Turkish drone strike killed a senior PKK commander in Sinjar.\n\n" +
				"The Turkish strike hit a car outside a village near the town, killing the commander and two of his guards, local officials said.",
			lang: "en",
			attacks: []wantAttack{{claimant: "", killed: -2, injured: -2},
				{claimant: "Turkey", resp: claimwatch.Claimed, killed: -2, injured: -2}},
		},
		{
			name:       "the country in 'clinics in western Sudan reported' is no speaker",
			title:      "Cholera",
			text:       "Clinics in western Sudan reported a surge in cholera cases this week as the rains began.\n\nHealth minister Omar Bashir said more vaccines would arrive soon.",
			lang:       "en",
			speakers:   []string{"Omar Bashir"},
			noSpeakers: []string{"Sudan"},
			attacks:    nil,
		},
		{
			name:    "rockets fired from one country at a base in another: the target's country",
			title:   "Rockets",
			text:    "Gunmen fired four rockets from Sinjar in Nineveh province toward the Rumeilan base on Sunday evening, security officials said.",
			lang:    "en",
			attacks: []wantAttack{{country: "Syria", killed: -2, injured: -2}},
		},
		{
			name:    "a count of two kinds of victims joined by 'and' is one toll",
			title:   "Ambush",
			text:    "Insurgents ambushed a convoy near Kunduz on Monday, and nine soldiers and police officers were killed, officials said.",
			lang:    "en",
			attacks: []wantAttack{{killed: 9, injured: -2}},
		},
		{
			name:    "'killing NAME and two other men' counts the named one and the others",
			title:   "Strike",
			text:    "A drone strike hit a car near Khan Younis on Monday, killing Ahmed Saleh and two other men, medics said.",
			lang:    "en",
			attacks: []wantAttack{{killed: 3, injured: -2}},
		},
		{
			name:    "a quoted group announcing, after the time, its own strike claims it",
			title:   "هجوم",
			text:    "أعلنت \"المقاومة الإسلامية في العراق\" فجر الأربعاء استهداف قاعدة عين الأسد بطائرة مسيرة، من دون أن تذكر تفاصيل أخرى.",
			lang:    "ar",
			attacks: []wantAttack{{claimant: "Islamic Resistance in Iraq", resp: claimwatch.Claimed, weapons: []claimwatch.Weapon{claimwatch.Drone}, killed: -2, injured: -2}},
		},
		{
			name:    "the dual of 'member' counts two killed",
			title:   "غارة",
			text:    "أسفرت غارة بطائرة مسيرة على سيارة قرب مدينة صور عن مقتل عنصرين من الحزب، بحسب مصدر أمني.",
			lang:    "ar",
			attacks: []wantAttack{{killed: 2, injured: -2}},
		},
		{
			name:       "the dateline is not part of the speaker",
			title:      "Talks",
			text:       "DOHA - Qatar's foreign ministry said on Monday the talks would resume next week.",
			lang:       "en",
			speakers:   []string{"foreign ministry"},
			noSpeakers: []string{"DOHA"},
			attacks:    nil,
		},
		{
			name:       "a speaker inside another's words is not a statement of its own",
			title:      "Shipping",
			text:       "The maritime agency said the Blue Heron had reported a fire in its engine room.",
			lang:       "en",
			noSpeakers: []string{"Blue Heron"},
			attacks:    nil,
		},
		{
			name:    "a group saying two of its men were killed claims nothing",
			title:   "Raid",
			text:    "Gunmen raided an army outpost near Dikwa in Borno state on Friday night, a military officer said.\n\nBoko Haram said two of its men were killed in the fighting.",
			lang:    "en",
			attacks: []wantAttack{{resp: claimwatch.Unclaimed, claimant: "", killed: -2, injured: -2}},
		},
	}
	e := extractor(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := e.Extract(claimwatch.Report{Title: tt.title, Text: tt.text, Published: pub})
			if f.Language != tt.lang {
				t.Errorf("language = %q, want %q", f.Language, tt.lang)
			}
			if len(f.Attacks) != len(tt.attacks) {
				t.Fatalf("got %d attacks, want %d: %+v", len(f.Attacks), len(tt.attacks), f.Attacks)
			}
			for i, w := range tt.attacks {
				checkAttack(t, f.Attacks[i], w)
			}
			for _, sp := range tt.speakers {
				if !slices.ContainsFunc(f.Statements, func(s claimwatch.Statement) bool {
					return strings.Contains(s.Speaker, sp) || strings.Contains(s.SpeakerText, sp)
				}) {
					t.Errorf("no statement by %q in %+v", sp, f.Statements)
				}
			}
			for _, sp := range tt.noSpeakers {
				for _, s := range f.Statements {
					if strings.Contains(s.Speaker, sp) || strings.Contains(s.SpeakerText, sp) {
						t.Errorf("statement by %q, want none: %+v", sp, s)
					}
				}
			}
			var counts []int
			for _, tl := range f.Tallies {
				counts = append(counts, tl.Count)
			}
			if !slices.Equal(counts, tt.tallies) {
				t.Errorf("tallies %v, want %v", counts, tt.tallies)
			}
		})
	}
}

func checkAttack(t *testing.T, a claimwatch.Attack, w wantAttack) {
	t.Helper()
	if a.Claimant != w.claimant {
		t.Errorf("claimant = %q, want %q", a.Claimant, w.claimant)
	}
	if w.resp != "" && a.Responsibility != w.resp {
		t.Errorf("responsibility = %q, want %q", a.Responsibility, w.resp)
	}
	if w.weapons != nil && !slices.Equal(a.Weapons, w.weapons) {
		t.Errorf("weapons = %v, want %v", a.Weapons, w.weapons)
	}
	if w.country != "" && a.Country != w.country {
		t.Errorf("country = %q, want %q", a.Country, w.country)
	}
	if w.target != "" && !strings.Contains(a.Target+" "+a.TargetText, w.target) {
		t.Errorf("target = %q / %q, want it to name %q", a.Target, a.TargetText, w.target)
	}
	checkCount(t, "killed", a.Killed, w.killed)
	checkCount(t, "injured", a.Injured, w.injured)
	if w.date != "" && a.Date != w.date {
		t.Errorf("date = %q, want %q", a.Date, w.date)
	}
	if a.Evidence == "" {
		t.Errorf("attack has no evidence sentence")
	}
}

func checkCount(t *testing.T, what string, got *int, want int) {
	t.Helper()
	switch {
	case want == -2:
	case want == -1 && got != nil:
		t.Errorf("%s = %d, want null", what, *got)
	case want >= 0 && (got == nil || *got != want):
		t.Errorf("%s = %v, want %d", what, deref(got), want)
	}
}

func deref(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

func TestArabicSpeakerNameAndRole(t *testing.T) {
	tests := []struct {
		name, text, speaker, role string
	}{
		{"a minister's office comes before his name", "وقال وزير الدفاع الأميركي لويد أوستن إن الرد سيكون حازماً.", "لويد أوستن", "وزير الدفاع الأميركي"},
		{"a spokesman of a faction is named after the faction", "وذكر بيان للمتحدث باسم كتائب حزب الله أبو علي العسكري أن العمليات ستستمر.", "أبو علي العسكري", "للمتحدث باسم كتائب حزب الله"},
		{"a rank is a role", "بدوره، قال اللواء منصور التركي، المتحدث الأمني، إن القوات عثرت على أشلاء.", "منصور التركي", "اللواء"},
		{"'in it' and 'on its behalf' are not the name", "وصدر بيان عن الحزب، قال فيه المتحدث باسمه سالم الكعبي إن الاجتماع تأجل.", "سالم الكعبي", "المتحدث باسمه"},
	}
	e := extractor(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := e.Extract(claimwatch.Report{Title: "تصريحات", Text: tt.text, Published: pub})
			if len(f.Statements) != 1 {
				t.Fatalf("got %d statements, want 1: %+v", len(f.Statements), f.Statements)
			}
			if st := f.Statements[0]; st.Speaker != tt.speaker || st.Role != tt.role {
				t.Errorf("speaker %q, role %q; want %q, %q", st.Speaker, st.Role, tt.speaker, tt.role)
			}
		})
	}
}

func TestExtractNegativeReports(t *testing.T) {
	tests := []struct{ name, title, text string }{
		{"a prime minister's sharp attack on the opposition is politics", "رئيس الوزراء يشن هجوماً لاذعاً على المعارضة",
			"شن رئيس الوزراء هجوماً حاداً على قادة المعارضة خلال جلسة البرلمان أمس، متهماً إياهم بعرقلة إقرار الموازنة."},
		{"a trial over an old church bombing is no new attack", "بدء محاكمة المتهمين بتفجير كنيسة الإسكندرية",
			"بدأت محكمة جنايات الإسكندرية اليوم محاكمة 15 متهماً بتنفيذ تفجير انتحاري استهدف كنيسة في المدينة عام 2017 وأسفر عن مقتل 17 شخصاً."},
		{"an Arabic cyber attack on ministry websites is no attack", "هجوم إلكتروني يعطل مواقع حكومية",
			"تعرضت مواقع وزارات عدة لهجوم إلكتروني واسع صباح الثلاثاء أدى إلى توقفها لساعات، وفق ما أعلنت هيئة الأمن السيبراني."},
		{"a striker's shot in a derby is sport", "Striker fires Al-Ahly to victory with late shot",
			"Al-Ahly's striker fired a stunning shot into the top corner in stoppage time as the Cairo club beat Zamalek 2-1 in a bruising derby on Friday, in which two players were injured."},
		{"a labour strike and a heart attack are no attacks", "Workers strike at port as heart attack kills union leader",
			"Dock workers went on strike at the port of Aqaba on Monday, halting shipments, after their union leader died of a heart attack, the company said."},
	}
	e := extractor(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := e.Extract(claimwatch.Report{Title: tt.title, Text: tt.text, Published: pub})
			if len(f.Attacks) != 0 {
				t.Errorf("got %d attacks, want none: %+v", len(f.Attacks), f.Attacks)
			}
		})
	}
}

func TestDetectLanguage(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"Arabic text is Arabic", "قال المتحدث إن الهجوم فشل", "ar"},
		{"English text is English", "The spokesman said the attack failed", "en"},
		{"Arabic with a few Latin acronyms is still Arabic", "أعلن البنتاغون (CENTCOM) أن الهجوم فشل", "ar"},
		{"an empty text defaults to English", "", "en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DetectLanguage(tt.text); got != tt.want {
				t.Errorf("DetectLanguage(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestExtractReadsHTML(t *testing.T) {
	e := extractor(t)
	f := e.Extract(claimwatch.Report{
		Title:     "Blast in Kabul",
		Text:      `<p>A suicide bomber blew himself up at a checkpoint in <b>Kabul</b> on Monday, killing four people.</p><script>var x = "rocket attack";</script>`,
		Published: pub,
	})
	if len(f.Attacks) != 1 {
		t.Fatalf("got %d attacks, want 1: %+v", len(f.Attacks), f.Attacks)
	}
	a := f.Attacks[0]
	if strings.ContainsAny(a.Evidence, "<>") {
		t.Errorf("evidence keeps markup: %q", a.Evidence)
	}
	if !slices.Equal(a.Weapons, []claimwatch.Weapon{claimwatch.Suicide}) {
		t.Errorf("weapons = %v, want [suicide] (script text must be dropped)", a.Weapons)
	}
	if a.Country != "Afghanistan" {
		t.Errorf("country = %q, want Afghanistan", a.Country)
	}
}

func TestExtractCapsHugeInput(t *testing.T) {
	e := extractor(t)
	big := strings.Repeat("A rocket hit a base in Erbil, killing two soldiers. ", 40000) // about 2 MB
	f := e.Extract(claimwatch.Report{Title: "Rockets", Text: big, Published: pub})
	if f.Language != "en" {
		t.Errorf("language = %q, want en", f.Language)
	}
	for _, a := range f.Attacks {
		if len(a.Evidence) > maxTextBytes {
			t.Errorf("evidence of %d bytes outruns the cap", len(a.Evidence))
		}
	}
}

func TestExtractWithoutPublicationTime(t *testing.T) {
	e := extractor(t)
	f := e.Extract(claimwatch.Report{Title: "Drone attack", Text: "A drone attack hit Ain al-Asad air base on Monday, the US military said."})
	if len(f.Attacks) != 1 {
		t.Fatalf("got %d attacks, want 1", len(f.Attacks))
	}
	if f.Attacks[0].Date != "" {
		t.Errorf("date = %q, want \"\" without a publication time", f.Attacks[0].Date)
	}
	if f.Attacks[0].Target != "Ain al-Asad air base" {
		t.Errorf("target = %q, want the gazetteer's canonical name", f.Attacks[0].Target)
	}
	if f.Attacks[0].Place != "Anbar" || f.Attacks[0].Country != "Iraq" {
		t.Errorf("place, country = %q, %q; want the base's province and country", f.Attacks[0].Place, f.Attacks[0].Country)
	}
}

func TestGazetteerFiles(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "extra.yaml")
	if err := os.WriteFile(good, []byte(`entries:
  - {name: Saraya Awliya al-Dam, kind: group, aliases: [سرايا أولياء الدم, Saraya Awliya al-Dam]}
  - {name: Camp Bondsteel, kind: base, country: Kosovo, aliases: [Camp Bondsteel]}
  - {name: Lebanese Hezbollah, kind: group, aliases: [حزب الله]}
`), 0o600); err != nil {
		t.Fatal(err)
	}
	asJSON := filepath.Join(dir, "extra.json")
	if err := os.WriteFile(asJSON, []byte(`{"entries": [{"name": "Tanzim Hurras al-Din", "kind": "group", "aliases": ["Hurras al-Din"]}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	e, err := New(Options{GazetteerFiles: []string{good, asJSON}})
	if err != nil {
		t.Fatalf("New with extra gazetteers: %v", err)
	}
	f := e.Extract(claimwatch.Report{Title: "Rocket attack", Published: pub,
		Text: "Saraya Awliya al-Dam claimed responsibility for a rocket attack on Camp Bondsteel on Monday."})
	if len(f.Attacks) != 1 {
		t.Fatalf("got %d attacks, want 1: %+v", len(f.Attacks), f.Attacks)
	}
	if a := f.Attacks[0]; a.Claimant != "Saraya Awliya al-Dam" || a.Country != "Kosovo" || a.Target != "Camp Bondsteel" {
		t.Errorf("attack = %+v, want the extra gazetteer's names", a)
	}
	f = e.Extract(claimwatch.Report{Title: "هجوم", Published: pub, Text: "أعلن حزب الله استهداف موقع المالكية بالصواريخ الموجهة."})
	if len(f.Attacks) != 1 || f.Attacks[0].Claimant != "Lebanese Hezbollah" {
		t.Errorf("attacks = %+v, want the configured name to override the embedded one", f.Attacks)
	}

	bad := []struct {
		name, body, wantErr string
	}{
		{"an entry without a name is refused", "entries:\n  - {kind: group, aliases: [x]}\n", "has no name"},
		{"an unknown kind is refused", "entries:\n  - {name: X, kind: planet}\n", `kind "planet"`},
		{"broken YAML is refused", "entries: [\n", "gazetteer"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "bad.yaml")
			if err := os.WriteFile(p, []byte(tt.body), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := New(Options{GazetteerFiles: []string{p}})
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), p) {
				t.Errorf("New(%s) error = %v, want one naming the file and %q", tt.name, err, tt.wantErr)
			}
		})
	}
	if _, err := New(Options{GazetteerFiles: []string{filepath.Join(dir, "missing.yaml")}}); err == nil {
		t.Errorf("New with a missing gazetteer file: no error")
	}
}

func TestExtractConcurrently(t *testing.T) {
	e := extractor(t)
	r := claimwatch.Report{Title: "هجوم بطائرة مسيرة", Text: "استهدفت طائرة مسيرة قاعدة عين الأسد الاثنين.", Published: pub}
	want := e.Extract(r)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 20 {
				got := e.Extract(r)
				if len(got.Attacks) != len(want.Attacks) {
					t.Errorf("concurrent Extract: %d attacks, want %d", len(got.Attacks), len(want.Attacks))
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestTargetClass checks that a generic target told in Arabic and in
// English carries the same Target, so the incident merger joins them.
func TestTargetClass(t *testing.T) {
	tests := []struct {
		name, ar, en, want string
	}{
		{"a merchant ship at sea", "استهدفت جماعة مسلحة سفينة شحن في خليج عدن بطائرة مسيرة فجر الأحد.",
			"An armed group targeted a cargo vessel in the Gulf of Aden with a drone early on Sunday.", "merchant ship"},
		{"a ship of no named kind", "استهدف الحوثيون سفينة في خليج عدن بصاروخ مساء الأحد.",
			"The Houthis hit a ship in the Gulf of Aden with a missile on Sunday evening.", "merchant ship"},
		{"a checkpoint in a named town", "هاجم مسلحون حاجزاً أمنياً في كركوك بالأسلحة الرشاشة مساء الخميس.",
			"Gunmen attacked a security checkpoint in Kirkuk with machine guns on Thursday evening.", "checkpoint in Kirkuk"},
		{"a military convoy", "انفجرت عبوة ناسفة بقافلة عسكرية على طريق قرب مير علي صباح الاثنين.",
			"A roadside bomb struck a military convoy near Mir Ali on Monday morning.", "military convoy in Mir Ali"},
		{"a national army's convoy", "استهدفت عبوة ناسفة رتلاً عسكرياً تركياً في ريف إدلب صباح الأحد.",
			"A roadside bomb hit a Turkish military convoy in the Idlib countryside on Sunday morning.", "military convoy in Idlib"},
		{"an embassy", "سقطت ثلاثة صواريخ قرب السفارة الأميركية في بغداد ليل السبت.",
			"Three rockets landed near the U.S. embassy in Baghdad on Saturday night.", "US embassy in Baghdad"},
	}
	e := extractor(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, text := range []string{tt.ar, tt.en} {
				f := e.Extract(claimwatch.Report{Title: "هجوم", Text: text, Published: pub})
				if len(f.Attacks) != 1 {
					t.Fatalf("%q: got %d attacks, want 1: %+v", text, len(f.Attacks), f.Attacks)
				}
				if f.Attacks[0].Target != tt.want {
					t.Errorf("%q: target = %q (text %q), want %q", text, f.Attacks[0].Target, f.Attacks[0].TargetText, tt.want)
				}
			}
		})
	}
}

// TestSpeakers checks speakers in reports whose attacks other cases cover.
func TestSpeakers(t *testing.T) {
	tests := []struct {
		name, text string
		speakers   []string
	}{
		{"a gazetteer name holding 'in', before an appositive",
			"The Islamic Resistance in Iraq, an alliance of armed factions, said it had struck the base.",
			[]string{"Islamic Resistance in Iraq"}},
		{"'the group said' is the group named before",
			"Al-Shabaab fighters attacked a base in Somalia on Monday.\n\nThe al Qaeda-linked group said in a statement it had overrun the base.",
			[]string{"al-Shabaab"}},
		{"a body after فيما though an earlier clause quoted someone",
			"وقالت الجماعة إنها استهدفت القاعدة، فيما أكد جهاز مكافحة الإرهاب في إقليم كردستان أن الطائرة أسقطت.",
			[]string{"جهاز مكافحة الإرهاب"}},
	}
	e := extractor(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := e.Extract(claimwatch.Report{Title: "Report", Text: tt.text, Published: pub})
			for _, sp := range tt.speakers {
				if !slices.ContainsFunc(f.Statements, func(s claimwatch.Statement) bool { return strings.Contains(s.Speaker, sp) }) {
					t.Errorf("no statement by %q in %+v", sp, f.Statements)
				}
			}
		})
	}
}

func TestBodyThenItsSpokesmanIsOneVoice(t *testing.T) {
	tests := []struct {
		name, text, speaker string
	}{
		{"the police in the lead, then their spokesman",
			"أصيب أربعة أشخاص في انفجار عبوة ناسفة قرب سوق شعبي في مدينة الموصل صباح الجمعة، وفق ما أفادت الشرطة.\n\nوقال المتحدث باسم الشرطة العقيد ماهر الدليمي إن العبوة كانت مخبأة في عربة خضار.",
			"ماهر الدليمي"},
	}
	e := extractor(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := e.Extract(claimwatch.Report{Title: "انفجار", Text: tt.text, Published: pub})
			if len(f.Statements) != 1 || f.Statements[0].Speaker != tt.speaker {
				t.Errorf("statements %+v, want one by %q", f.Statements, tt.speaker)
			}
		})
	}
}
