//! Between **link** and **render**: the build plan. Every file a build
//! writes is one [`Output`] here — pages, lists, term pages, feeds, the
//! sitemap, robots.txt, 404, the root chooser, theme assets, copied
//! files and the output marker — with the inputs it reads. `build`,
//! `check` and `serve` all work from this one list: `build` produces every
//! output whose inputs changed since the cache last saw them, `serve` the
//! ones an edit touches, `check` validates the paths (`checks`) without
//! writing anything.

pub mod checks;
mod output;
pub mod parts;
pub mod search;

use rayon::prelude::*;

use crate::digest::{self, Digest, DigestHasher};
use crate::layout::{CONTENT_DIR, OUTPUT_MARKER, STATIC_DIR, TEMPLATES_DIR};
use crate::link::taxonomies::Taxonomy;
use crate::link::{LinkedSite, ListEntry, sitemap, urls};
use crate::model::{LangIdx, PageId, Segment};
pub use output::{Job, Output, Owner, Read, owner_description, owner_path};
pub use parts::Parts;

/// Every output of a build, in a stable order.
pub struct Plan {
    pub outputs: Vec<Output>,
    /// The parts of the search index that `Job::SearchIndex` outputs
    /// produce (none in a plan without search).
    pub search: Vec<search::IndexPart>,
}

impl Plan {
    /// The digest of every output path, in plan order.
    pub fn paths_digest(&self) -> Digest {
        let mut hasher = DigestHasher::new("paths");
        for output in &self.outputs {
            hasher.add(&output.path);
        }
        hasher.digest()
    }
}

/// The fingerprint of an output: one hash of everything it reads, with
/// the hashes of the site's parts. `file_digest` gives the digest of a
/// site file's bytes, `output_print` the fingerprint of another output
/// (`Read::Output`).
pub fn fingerprint(
    parts: &Parts,
    output: &Output,
    file_digest: &dyn Fn(&str) -> Digest,
    output_print: &dyn Fn(usize) -> Digest,
) -> Digest {
    let mut hasher = DigestHasher::new("output");
    hasher.add(&output.path);
    // The kind of job, not its positions (page, term, part numbers):
    // those shift when a page or a term is added before them, while what
    // they point at is in the reads.
    hasher.add(&std::mem::discriminant(&output.job));
    for read in &output.reads {
        let digest = match read {
            Read::Output(i) => output_print(*i),
            read => parts.digest(read, file_digest),
        };
        hasher.add(&digest);
    }
    hasher.digest()
}

/// The link destinations of each page's body as last rendered, by the
/// page's source path.
pub type BodyLinks = crate::maps::HashMap<String, Dests>;

/// One body's link destinations, sorted. Shared, not copied, between the
/// cache's index and the build: 146,000 of them at 10,000 stories.
pub type Dests = std::sync::Arc<[String]>;

/// The plan of a linked site. `theme_assets` are the built-in theme's
/// files (`Theme::assets`), by output path; `search` says whether the
/// search index is built. The hashes of what outputs read are taken
/// apart ([`Parts`]), only by the builds that compare them.
pub fn plan(linked: &LinkedSite, theme_assets: &[(String, Vec<u8>)], search: bool) -> Plan {
    let mut outputs = Vec::new();
    // The search page names the parts whether or not this build indexes
    // them.
    let search_parts = search::index_parts(linked);
    let config = linked.config();
    let pages = &linked.site.content.pages;
    let html = |url: &str| urls::output_file(url);

    // Content pages, in parallel: 20,000 of them at 10,000 stories, which
    // a rebuild waits for. Term pages are planned with their terms.
    outputs.par_extend(
        pages
            .par_iter()
            .enumerate()
            .filter(|(_, page)| Taxonomy::of_section(page.section).is_none())
            .map(|(id, page)| Output {
                path: html(&linked.urls[id]),
                job: Job::Page(id),
                owner: Owner::Content(id),
                lang: Some(page.lang),
                reads: vec![
                    Read::Global,
                    Read::Frame(page.lang),
                    Read::Page(id),
                    Read::Translations(id),
                    Read::TermNames(page.lang),
                ],
            }),
    );

    let languages = config.languages.len();
    // Which page numbers exist in every language decides where a list
    // page's switcher points.
    let news_shape: Vec<usize> = (0..languages).map(|l| linked.news_pages(l)).collect();
    // Where a year page's switcher points: that year's page count in
    // every language that has news of it.
    let year_shape = |year: i16| -> Vec<Option<usize>> {
        (0..languages)
            .map(|l| {
                linked.years[l]
                    .iter()
                    .find(|(y, _)| *y == year)
                    .map(|(_, entries)| linked.page_count(entries.len()))
            })
            .collect()
    };
    // Only a list's first page shows how many rows the list has: the
    // later ones keep their rows and read nothing else that news added
    // to the list changes (`link::pagination`).
    let count_on = |number: usize, rows: usize| (number == 1).then_some(rows);
    for lang in 0..languages {
        let frame = || vec![Read::Global, Read::Frame(lang)];
        // The year navigation.
        let years: Vec<i16> = linked.years[lang].iter().map(|(year, _)| *year).collect();
        outputs.push(Output {
            path: html(&urls::home(config, lang)),
            job: Job::Home(lang),
            owner: Owner::Config("home page", lang),
            lang: Some(lang),
            reads: {
                let mut reads = frame();
                reads.extend(rows(&linked.news[lang], 0..HOME_LATEST));
                reads.extend(
                    [Taxonomy::Program, Taxonomy::Directorate, Taxonomy::Event]
                        .map(|t| Read::TermIndex(t, lang)),
                );
                reads
            },
        });
        outputs.push(Output {
            path: html(&urls::segment_index(config, lang, Segment::Search)),
            job: Job::SearchPage(lang),
            owner: Owner::Config("search page", lang),
            lang: Some(lang),
            reads: {
                let mut reads = frame();
                let folders: Vec<&str> = search_parts
                    .iter()
                    .filter(|(l, _)| *l == lang)
                    .map(|(_, part)| part.folder.as_str())
                    .collect();
                reads.push(value(&folders));
                reads
            },
        });
        let news = urls::segment_index(config, lang, Segment::News);
        for number in 1..=linked.news_pages(lang) {
            let mut reads = frame();
            let entries = &linked.news[lang];
            reads.push(value(&(
                "news",
                number,
                count_on(number, entries.len()),
                &news_shape,
                &years,
            )));
            reads.extend(rows(entries, linked.page_rows(entries.len(), number)));
            outputs.push(Output {
                path: html(&urls::paginated(&news, number)),
                job: Job::NewsList { lang, number },
                owner: Owner::Config("news list", lang),
                lang: Some(lang),
                reads,
            });
        }
        for (year_index, (year, entries)) in linked.years[lang].iter().enumerate() {
            let first = format!("{news}{year}/");
            let shape = year_shape(*year);
            for number in 1..=linked.page_count(entries.len()) {
                let mut reads = frame();
                reads.push(value(&(
                    "year",
                    *year,
                    number,
                    count_on(number, entries.len()),
                    &years,
                    &shape,
                )));
                reads.extend(rows(entries, linked.page_rows(entries.len(), number)));
                outputs.push(Output {
                    path: html(&urls::paginated(&first, number)),
                    job: Job::YearArchive {
                        lang,
                        year: year_index,
                        number,
                    },
                    owner: Owner::Config("news archive", lang),
                    lang: Some(lang),
                    reads,
                });
            }
        }
        for index in &linked.taxonomies {
            let taxonomy = index.taxonomy;
            outputs.push(Output {
                path: html(&urls::segment_index(config, lang, taxonomy.segment())),
                job: Job::TaxonomyIndex { taxonomy, lang },
                owner: Owner::Config("index of terms", lang),
                lang: Some(lang),
                reads: vec![
                    Read::Global,
                    Read::Frame(lang),
                    Read::TermIndex(taxonomy, lang),
                ],
            });
            for (term, t) in index.terms.iter().enumerate() {
                if !linked.term_exists(taxonomy, term, lang) {
                    continue;
                }
                let own_page = linked.term_page(taxonomy, term, lang);
                let owner = match own_page {
                    Some(page) => Owner::Content(page),
                    None => Owner::Term {
                        taxonomy,
                        key: t.key.clone(),
                        lang,
                    },
                };
                let first = linked.term_url(taxonomy, &t.key, lang);
                // Where the term's other pages are, for the switcher.
                let shape: Vec<(usize, bool)> = (0..languages)
                    .map(|l| {
                        let pages = linked.page_count(t.entries[l].len());
                        (pages, linked.term_exists(taxonomy, term, l))
                    })
                    .collect();
                // An event's date and place, from its page here or in the
                // default language.
                let event = (taxonomy == Taxonomy::Event)
                    .then(|| linked.event_page(term, lang))
                    .flatten();
                let entries = &t.entries[lang];
                for number in 1..=linked.page_count(entries.len()) {
                    let mut reads = frame();
                    reads.push(Read::TermNames(lang));
                    reads.push(value(&(
                        "term",
                        &t.key,
                        number,
                        count_on(number, entries.len()),
                        &shape,
                    )));
                    if let Some(page) = own_page {
                        reads.push(Read::Page(page));
                    }
                    if let Some(page) = event {
                        reads.push(Read::Card(page));
                    }
                    reads.extend(rows(entries, linked.page_rows(entries.len(), number)));
                    outputs.push(Output {
                        path: html(&urls::paginated(&first, number)),
                        job: Job::TermPage {
                            taxonomy,
                            term,
                            lang,
                            number,
                        },
                        owner: owner.clone(),
                        lang: Some(lang),
                        reads,
                    });
                }
            }
        }
    }
    let all_frames = || {
        let mut reads = vec![Read::Global];
        reads.extend((0..languages).map(Read::Frame));
        reads
    };
    outputs.push(Output {
        path: "index.html".to_string(),
        job: Job::Root,
        owner: Owner::Builtin("the language chooser"),
        lang: None,
        reads: all_frames(),
    });
    outputs.push(Output {
        path: "404.html".to_string(),
        job: Job::NotFound,
        owner: Owner::Builtin("the page for a missing page"),
        lang: None,
        reads: all_frames(),
    });
    // Feeds and the sitemap hold absolute URLs: only with a base_url.
    if config.base_url.is_some() {
        let sitemap_reads = {
            let mut reads = vec![Read::Global];
            // Every page with its versions and dates, and every list.
            reads.extend((0..pages.len()).flat_map(|id| [Read::Card(id), Read::Translations(id)]));
            let paths: Vec<&str> = outputs.iter().map(|o| o.path.as_str()).collect();
            reads.push(value(&paths));
            reads
        };
        let files = sitemap::files(sitemap::url_count(linked), sitemap::URLS_PER_FILE);
        for slice in 0..files {
            let mut reads = sitemap_reads.clone();
            reads.push(value(&(slice, files)));
            outputs.push(Output {
                path: sitemap::file_path(slice, files),
                job: Job::Sitemap { slice, files },
                owner: Owner::Builtin("the sitemap"),
                lang: None,
                reads,
            });
        }
        if files > 1 {
            outputs.push(Output {
                path: "sitemap.xml".to_string(),
                job: Job::SitemapIndex { files },
                owner: Owner::Builtin("the sitemap index"),
                lang: None,
                reads: vec![Read::Global, value(&files)],
            });
        }
        outputs.push(Output {
            path: "robots.txt".to_string(),
            job: Job::Robots,
            owner: Owner::Builtin("robots.txt"),
            lang: None,
            reads: vec![Read::Global],
        });
        for lang in 0..languages {
            outputs.push(Output {
                path: urls::output_file(&urls::feed(config, lang)),
                job: Job::LanguageFeed(lang),
                owner: Owner::Config("news feed", lang),
                lang: None,
                reads: feed_reads(linked, lang, &linked.news[lang]),
            });
            let directorates = linked.taxonomy(Taxonomy::Directorate);
            for (term, t) in directorates.terms.iter().enumerate() {
                if !linked.term_exists(Taxonomy::Directorate, term, lang) {
                    continue;
                }
                let owner = match linked.term_page(Taxonomy::Directorate, term, lang) {
                    Some(page) => Owner::Content(page),
                    None => Owner::Term {
                        taxonomy: Taxonomy::Directorate,
                        key: t.key.clone(),
                        lang,
                    },
                };
                outputs.push(Output {
                    path: urls::output_file(&urls::directorate_feed(config, lang, &t.key)),
                    job: Job::DirectorateFeed { term, lang },
                    owner,
                    lang: None,
                    reads: feed_reads(linked, lang, &t.entries[lang]),
                });
            }
        }
    }

    // Files copied as they are. A site file under templates/ replaces the
    // built-in asset of the same name.
    let site_theme = &linked.site.theme_files;
    for (i, (path, _)) in theme_assets.iter().enumerate() {
        if !site_theme.contains(path) {
            outputs.push(Output {
                path: path.clone(),
                job: Job::ThemeAsset(i),
                owner: Owner::Builtin("a file of the built-in theme"),
                lang: None,
                reads: vec![Read::Global],
            });
        }
    }
    for (i, file) in site_theme.iter().enumerate() {
        let source = format!("{TEMPLATES_DIR}/{file}");
        outputs.push(copied(file.clone(), Job::ThemeFile(i), source));
    }
    for (i, file) in linked.site.static_files.iter().enumerate() {
        let source = format!("{STATIC_DIR}/{file}");
        outputs.push(copied(file.clone(), Job::StaticFile(i), source));
    }
    for (i, asset) in linked.site.content.assets.iter().enumerate() {
        let path = crate::layout::asset_output(&asset.content_path);
        let source = format!("{CONTENT_DIR}/{}", asset.content_path);
        outputs.push(copied(path, Job::ContentAsset(i), source));
    }
    // Every photo that can be published, in each of its versions; the
    // original is copied with the content's other files.
    // A lead image also has a social card (`og:image`).
    let lead_photos: std::collections::BTreeSet<usize> = (0..pages.len())
        .filter_map(|id| linked.lead_photo(id))
        .collect();
    for (i, site_photo) in linked.site.photos.iter().enumerate() {
        let Ok(photo) = &site_photo.photo else {
            continue;
        };
        let card = lead_photos.contains(&i).then(|| photo.card());
        for version in photo.versions().into_iter().chain(card) {
            outputs.push(Output {
                path: crate::photo::version_path(&site_photo.output, version),
                job: Job::PhotoVersion { photo: i, version },
                owner: Owner::File(site_photo.source.clone()),
                lang: None,
                reads: vec![
                    Read::File(site_photo.source.clone()),
                    value(&("photo version", version)),
                ],
            });
        }
    }
    outputs.push(Output {
        path: OUTPUT_MARKER.to_string(),
        job: Job::Marker,
        owner: Owner::Builtin("the file that marks warta's output"),
        lang: None,
        reads: vec![Read::Global],
    });
    let search = if search {
        search::outputs(&mut outputs, search_parts)
    } else {
        Vec::new()
    };
    Plan { outputs, search }
}

/// Tells link resolution what the plan writes, and which page each
/// output shows: a link from the site root must lead there.
pub fn note_outputs(linked: &mut LinkedSite, plan: &Plan) {
    let shown = |output: &Output| match (&output.job, &output.owner) {
        (Job::Page(id), _) => Some(*id),
        (Job::TermPage { number: 1, .. }, Owner::Content(id)) => Some(*id),
        _ => None,
    };
    let outputs: Vec<(&str, Option<PageId>)> = plan
        .outputs
        .iter()
        .map(|o| (o.path.as_str(), shown(o)))
        .collect();
    linked.targets.set_outputs(&outputs);
}

/// News items on a language home (the home template's own count).
pub const HOME_LATEST: usize = 6;

fn copied(path: String, job: Job, source: String) -> Output {
    Output {
        path,
        job,
        owner: Owner::File(source.clone()),
        lang: None,
        reads: vec![Read::File(source)],
    }
}

/// A value hashed now.
fn value(value: &impl std::hash::Hash) -> Read {
    Read::Value(digest::digest_of("value", value))
}

/// The rows `range` of a list (clipped to it): each row's page and whether it
/// is shown as untranslated.
fn rows(entries: &[ListEntry], range: std::ops::Range<usize>) -> Vec<Read> {
    let end = range.end.min(entries.len());
    let slice = &entries[range.start.min(end)..end];
    let mut reads: Vec<Read> = slice.iter().map(|e| Read::Card(e.page)).collect();
    let foreign: Vec<bool> = slice.iter().map(|e| e.foreign).collect();
    reads.push(value(&("rows", foreign)));
    reads
}

/// A feed shows its newest entries in full, with their versions and term
/// names.
fn feed_reads(linked: &LinkedSite, lang: LangIdx, entries: &[ListEntry]) -> Vec<Read> {
    let items: Vec<PageId> = entries
        .iter()
        .filter(|e| !e.foreign)
        .take(linked.config().feed_entries)
        .map(|e| e.page)
        .collect();
    let mut reads = vec![
        Read::Global,
        Read::Frame(lang),
        Read::TermNames(lang),
        value(&("feed", &items.len())),
    ];
    for id in items {
        reads.push(Read::Page(id));
        reads.push(Read::Card(id));
        reads.push(Read::Translations(id));
    }
    reads
}
