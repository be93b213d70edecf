# Built-in UI messages of warta: English.
# A site overrides any message with its own locales/en/*.ftl files.

language-name = English

## Page frame

skip-to-content = Skip to content
nav-main = Main navigation
nav-home = Home
nav-news = News
language-switcher-label = Language
language-switcher-current = { $language } (language of this page)
footer-about = A bilingual news site.
footer-generator = Built with warta

## Dates

date-long = { $day } { $month } { $year }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday

## News

news-title = News
news-count = { $count ->
    [one] { $count } news item
   *[other] { $count } news items
}
news-latest = Latest news
news-all = All news
news-empty = No news yet.
published-on = Published
updated-on = Updated { $date }
read-more = Read more: { $title }
credit-writer = Writer
credit-editor = Editor
credit-translator = Translator
credit-photographer = Photo
credits-label = Credits

## List pages

pagination-label = Pages
pagination-previous = Previous
pagination-next = Next
pagination-position = Page { $page } of { $total }
page-title-numbered = { $title } (page { $page })

## Translations

translation-label = Translations
translation-missing = { $section ->
    [news] Not yet in { $language }: see all news
    [programs] Not yet in { $language }: see all programs
    [directorates] Not yet in { $language }: see all directorates
    [events] Not yet in { $language }: see all events
    [tags] Not yet in { $language }: see all topics
   *[other] Not yet in { $language }: go to the home page
}

## Home and root pages

home-title = Home
home-intro = News and program information in Indonesian and English.
root-title = Choose a language
root-choose = Read this site in English

## Not found

not-found-title = Page not found
not-found-text = The page you are looking for does not exist or has moved.
not-found-home = Back to the home page

## Other languages

language-id = Indonesian
language-en = English
untranslated-marker = Only in { $language }

## Indexes: directorates, events, programs, topics, years

directorates-title = Directorates
programs-title = Programs
events-title = Events
tags-title = Topics
news-archive-title = News from { $year }
news-years = Archive by year
term-news = News
label-directorate = Directorate
label-event = Event
label-programs = Programs
label-tags = Topics
events-upcoming = Upcoming events
events-recent = Events
events-all = All events

## Metadata and feeds

og-locale = en_US
feed-title = { $site }: latest news
feed-title-directorate = { $site }: news of the { $name }

## Search

search-title = Search
search-label = Search this site
search-button = Search
search-results = { $count ->
    [one] { $count } result
   *[other] { $count } results
}
search-none = No results.
search-searching = Searching…
search-unavailable = Search is not available on this site yet.
search-needs-script = Search needs JavaScript.
