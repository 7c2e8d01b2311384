package feeds_test

import (
	"os"

	"github.com/claimwatch/claimwatch"
	"github.com/claimwatch/claimwatch/feeds"
)

func ExampleExportOPML() {
	list := []claimwatch.Feed{
		{Name: "Outlet & Wire", URL: "https://outlet.example/rss?lang=en&section=world"},
		{Name: "وكالة الأنباء", URL: "https://ar.example/feed"},
	}
	if err := feeds.ExportOPML(os.Stdout, list); err != nil {
		panic(err)
	}
	// Output:
	// <?xml version="1.0" encoding="UTF-8"?>
	// <opml version="2.0">
	//   <head>
	//     <title>claimwatch feeds</title>
	//   </head>
	//   <body>
	//     <outline text="Outlet &amp; Wire" title="Outlet &amp; Wire" type="rss" xmlUrl="https://outlet.example/rss?lang=en&amp;section=world"></outline>
	//     <outline text="وكالة الأنباء" title="وكالة الأنباء" type="rss" xmlUrl="https://ar.example/feed"></outline>
	//   </body>
	// </opml>
}
