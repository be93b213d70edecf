//! The cache and serve's incremental rebuilds against a clean build: a
//! randomized sequence of edits to a generated site, and after each one
//! (a) `warta build` with its cache, in a new process, into the previous
//! output, and (b) serve's in-process rebuild, must give byte for byte the
//! tree a clean build gives. A failing sequence is printed; rerun it with
//! `WARTA_CACHE_SEED=<seed> cargo test --test cache`.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use common::{Site, photo, tree};
use warta::build::BuildOptions;
use warta::serve::{ChangeSet, Session};

/// A small deterministic generator (xorshift), so that a seed replays.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const TAGS: &[&str] = &["bansos", "disabilitas", "lansia", "anak"];
const PROGRAMS: &[&str] = &["pkh", "atensi"];
const DIRECTORATES: &[&str] = &["dayasos", "rehsos", "linjamsos"];
const EVENTS: &[&str] = &["hkn-2020", "rakornas"];

/// One news item, as front matter values.
#[derive(Clone, Debug)]
struct Item {
    stem: String,
    lang: &'static str,
    title: String,
    date: String,
    directorate: String,
    tags: Vec<String>,
    programs: Vec<String>,
    event: Option<String>,
    /// The colocated photo as its lead image.
    lead_image: bool,
    slug: Option<String>,
    summary: Option<String>,
    draft: bool,
    body: String,
}

impl Item {
    fn random(r: &mut Random, n: usize, lang: &'static str) -> Item {
        let day = 1 + r.below(28);
        let month = 1 + r.below(12);
        Item {
            stem: format!("2020-{month:02}-{day:02}-berita-{n}"),
            lang,
            title: format!("Berita {n} {}", r.below(1000)),
            date: format!("2020-{month:02}-{day:02}"),
            directorate: r.pick(DIRECTORATES).to_string(),
            tags: (0..r.below(3)).map(|_| r.pick(TAGS).to_string()).collect(),
            programs: (0..r.below(2))
                .map(|_| r.pick(PROGRAMS).to_string())
                .collect(),
            event: r.chance(30).then(|| r.pick(EVENTS).to_string()),
            lead_image: r.chance(30),
            slug: None,
            summary: None,
            draft: false,
            body: format!(
                "Paragraf pertama {n}.\n\nParagraf kedua dengan [tautan](../programs/pkh.id.md), [kontak](../pages/kontak.id.md), [alamat](../pages/kontak.id.md#alamat) dan ![logo](/images/logo.png).\n"
            ),
        }
    }

    fn path(&self) -> String {
        format!("content/news/{}.{}.md", self.stem, self.lang)
    }

    fn text(&self) -> String {
        let mut front = format!(
            "---\ntitle: \"{}\"\ndate: {}\ndirectorate: {}\n",
            self.title, self.date, self.directorate
        );
        let mut tags = self.tags.clone();
        tags.sort();
        tags.dedup();
        if !tags.is_empty() {
            front += &format!("tags: [{}]\n", tags.join(", "));
        }
        let mut programs = self.programs.clone();
        programs.sort();
        programs.dedup();
        if !programs.is_empty() {
            front += &format!("programs: [{}]\n", programs.join(", "));
        }
        if let Some(event) = &self.event {
            front += &format!("event: {event}\n");
        }
        if self.lead_image {
            front += "image: foto.jpg\nimage_alt: Foto kegiatan\n";
        }
        if let Some(slug) = &self.slug {
            front += &format!("slug: {slug}\n");
        }
        if let Some(summary) = &self.summary {
            front += &format!("summary: \"{summary}\"\n");
        }
        if self.draft {
            front += "draft: true\n";
        }
        format!("{front}---\n\n{}", self.body)
    }
}

fn site_yaml(title: &str, paginate: usize, hide_untranslated: bool) -> String {
    let untranslated = if hide_untranslated { "hide" } else { "list" };
    format!(
        "title: {title}\nbase_url: https://example.org/warta/\ndefault_language: id\nlanguages: [id, en]\npaginate: {paginate}\nfeed_entries: 4\nuntranslated: {untranslated}\n"
    )
}

/// The generated site and what is in it.
struct World {
    site: Site,
    items: Vec<Item>,
    counter: usize,
    /// Files changed by the last edit (for serve's change set).
    changed: Vec<String>,
    /// Modification times go backwards in time, one second per write, so
    /// that stamps differ and are older than the cache.
    clock: SystemTime,
    /// The slug of the contact page, and whether it has the heading
    /// `Alamat` that news items link to by fragment.
    kontak: (Option<String>, bool),
}

impl World {
    fn new(r: &mut Random) -> World {
        // With `untranslated: hide` a term can have a page in one
        // language only, and gain or lose the other with an edit.
        let site = Site::new(&site_yaml("Warta Acak", 3, r.below(2) == 0));
        let mut world = World {
            site,
            items: Vec::new(),
            counter: 0,
            changed: Vec::new(),
            clock: SystemTime::now() - Duration::from_secs(100_000),
            kontak: (None, true),
        };
        for key in PROGRAMS {
            world.write(
                &format!("content/programs/{key}.id.md"),
                &format!("---\ntitle: Program {key}\n---\n\nTentang {key}.\n"),
            );
        }
        // A program no news names: it has a page in Indonesian only,
        // until an edit writes its English one.
        world.write(
            "content/programs/lansia.id.md",
            "---\ntitle: Lanjut Usia\n---\n\nTentang lansia.\n",
        );
        world.write(
            "content/programs/pkh.en.md",
            "---\ntitle: Family Hope\n---\n\nAbout PKH.\n",
        );
        world.write(
            "content/directorates/dayasos.id.md",
            "---\ntitle: Pemberdayaan Sosial\n---\n\nDirektorat.\n",
        );
        world.write(
            "content/events/hkn-2020.id.md",
            "---\ntitle: HKN 2020\ndate: 2020-12-20\nplace: Jakarta\n---\n\nAcara.\n",
        );
        world.write(
            "content/pages/tentang.id.md",
            "---\ntitle: Tentang\nmenu: 1\n---\n\nTentang kami. ![foto](../news/foto.jpg)\n",
        );
        world.write_kontak();
        world.write(
            "content/pages/tentang.en.md",
            "---\ntitle: About\nmenu: 1\n---\n\nAbout us.\n",
        );
        world.write_bytes("content/news/foto.jpg", &photo(1, "jpg"));
        world.write_bytes("static/images/logo.png", &photo(2, "png"));
        for n in 0..12 {
            world.add_item(r, n);
        }
        world.changed.clear();
        world
    }

    fn write(&mut self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    fn write_bytes(&mut self, rel: &str, bytes: &[u8]) {
        self.site.write_bytes(rel, bytes);
        self.clock += Duration::from_secs(1);
        let file = fs::File::options()
            .write(true)
            .open(self.site.path().join(rel))
            .expect("open");
        file.set_modified(self.clock).expect("set mtime");
        self.changed.push(rel.to_string());
    }

    fn write_kontak(&mut self) {
        let slug = match &self.kontak.0 {
            Some(slug) => format!("slug: {slug}\n"),
            None => String::new(),
        };
        let heading = if self.kontak.1 { "## Alamat\n\n" } else { "" };
        self.write(
            "content/pages/kontak.id.md",
            &format!("---\ntitle: Kontak\n{slug}---\n\nHubungi kami.\n\n{heading}Jakarta.\n"),
        );
    }

    fn remove(&mut self, rel: &str) {
        let _ = fs::remove_file(self.site.path().join(rel));
        self.changed.push(rel.to_string());
    }

    fn add_item(&mut self, r: &mut Random, n: usize) {
        let item = Item::random(r, n, "id");
        self.write(&item.path(), &item.text());
        self.items.push(item.clone());
        if r.chance(60) {
            let mut en = item;
            en.lang = "en";
            en.title = format!("News {n}");
            en.body = "First paragraph.\n\nSecond, linking [the program](../programs/pkh.en.md).\n"
                .into();
            self.write(&en.path(), &en.text());
            self.items.push(en);
        }
        self.counter = self.counter.max(n + 1);
    }

    fn rewrite(&mut self, i: usize) {
        let item = self.items[i].clone();
        self.write(&item.path(), &item.text());
    }

    /// One random edit; returns what it was, for the replay log.
    fn edit(&mut self, r: &mut Random) -> String {
        self.changed.clear();
        let i = r.below(self.items.len());
        let name = self.items[i].path();
        match r.below(24) {
            0 => {
                self.items[i].body = format!("Isi baru {}.\n\nLagi.\n", r.below(1000));
                self.rewrite(i);
                format!("body of {name}")
            }
            1 => {
                self.items[i].title = format!("Judul {}", r.below(1000));
                self.rewrite(i);
                format!("title of {name}")
            }
            2 => {
                self.items[i].summary = Some(format!("Ringkasan {}", r.below(100)));
                self.rewrite(i);
                format!("summary of {name}")
            }
            3 => {
                self.items[i].date = format!("2021-0{}-1{}", 1 + r.below(9), r.below(10));
                self.rewrite(i);
                format!("date of {name}")
            }
            4 => {
                self.items[i].slug = Some(format!("slug-{}", r.below(100_000)));
                self.rewrite(i);
                format!("slug of {name}")
            }
            5 => {
                self.items[i].tags = vec![r.pick(TAGS).to_string(), format!("baru-{}", r.below(3))];
                self.rewrite(i);
                format!("tags of {name}")
            }
            6 => {
                self.items[i].programs = vec![r.pick(PROGRAMS).to_string()];
                self.rewrite(i);
                format!("programs of {name}")
            }
            7 => {
                self.items[i].event = if r.chance(50) {
                    None
                } else {
                    Some(r.pick(EVENTS).to_string())
                };
                self.rewrite(i);
                format!("event of {name}")
            }
            8 => {
                self.items[i].directorate = r.pick(DIRECTORATES).to_string();
                self.rewrite(i);
                format!("directorate of {name}")
            }
            9 => {
                self.items[i].draft = !self.items[i].draft;
                self.rewrite(i);
                format!("draft of {name}")
            }
            10 => {
                let n = self.counter;
                self.add_item(r, n);
                format!("new item {n}")
            }
            11 if self.items.len() > 4 => {
                let item = self.items.remove(i);
                self.remove(&item.path());
                format!("deleted {name}")
            }
            12 => {
                let mut item = self.items[i].clone();
                self.remove(&item.path());
                item.stem = format!("{}-pindah", item.stem);
                self.write(&item.path(), &item.text());
                self.items[i] = item.clone();
                format!("renamed {name} to {}", item.path())
            }
            13 => {
                let item = self.items[i].clone();
                let other = if item.lang == "id" { "en" } else { "id" };
                let exists = self
                    .items
                    .iter()
                    .any(|x| x.stem == item.stem && x.lang == other);
                if exists {
                    return "nothing (translation exists)".into();
                }
                let mut translation = item;
                translation.lang = other;
                translation.title = format!("Terjemahan {}", r.below(100));
                self.write(&translation.path(), &translation.text());
                let path = translation.path();
                self.items.push(translation);
                format!("new translation {path}")
            }
            14 => {
                let text = format!(
                    "{{% extends \"base.html\" %}}{{% block main %}}<p>versi {}</p>{{{{ page.body | safe }}}}{{% endblock main %}}",
                    r.below(1000)
                );
                self.write("templates/page.html", &text);
                "template page.html".into()
            }
            15 => {
                let text = format!("news-title = Kabar {}\n", r.below(1000));
                self.write("locales/id/site.ftl", &text);
                "locale message news-title".into()
            }
            16 => {
                let paginate = 2 + r.below(3);
                let title = format!("Warta {}", r.below(100));
                let hide = r.below(2) == 0;
                self.write("site.yaml", &site_yaml(&title, paginate, hide));
                format!("site.yaml paginate {paginate}, hide {hide}")
            }
            17 => {
                let bytes = photo(r.below(1000) as u32, "png");
                self.write_bytes("static/images/logo.png", &bytes);
                "static logo.png".into()
            }
            18 => {
                let bytes = photo(r.below(1000) as u32, "jpg");
                self.write_bytes("content/news/foto.jpg", &bytes);
                "colocated photo".into()
            }
            19 => {
                // Pages whose bodies link here must follow its new URL.
                let slug = format!("kontak-{}", r.below(1000));
                self.kontak.0 = Some(slug.clone());
                self.write_kontak();
                format!("slug of a linked page: {slug}")
            }
            20 => {
                // Links to it by fragment break, or lead somewhere again.
                self.kontak.1 = !self.kontak.1;
                self.write_kontak();
                format!("heading linked by fragment: {}", self.kontak.1)
            }
            21 => {
                // Links from the site root to it break, or lead somewhere
                // again.
                if self.site.path().join("static/images/logo.png").exists() {
                    self.remove("static/images/logo.png");
                    "removed static logo.png".into()
                } else {
                    self.write_bytes("static/images/logo.png", &photo(3, "png"));
                    "static logo.png again".into()
                }
            }
            22 => {
                // A term's page of its own in English comes or goes, and
                // with it the term's English page, which the Indonesian
                // one's switcher leads to.
                let page = "content/programs/lansia.en.md".to_string();
                if self.site.path().join(&page).exists() {
                    self.remove(&page);
                    format!("removed {page}")
                } else {
                    self.write(&page, "---\ntitle: A program\n---\n\nAbout it.\n");
                    format!("wrote {page}")
                }
            }
            _ => {
                let title = format!("Program Harapan {}", r.below(100));
                self.write(
                    "content/programs/pkh.id.md",
                    &format!("---\ntitle: {title}\n---\n\nTentang pkh.\n"),
                );
                format!("term page title {title}")
            }
        }
    }
}

fn build(site: &Path, args: &[&str]) -> common::Run {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(args)
        .arg("--site")
        .arg(site)
        .current_dir(site)
        .output()
        .expect("run warta");
    common::Run {
        status: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// The errors and warnings a run printed.
fn diagnostics(run: &common::Run) -> Vec<&str> {
    run.stderr
        .lines()
        .filter(|line| line.starts_with("error:") || line.starts_with("warning:"))
        .collect()
}

/// The first difference between two trees, for the failure message.
fn first_difference(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> String {
    for (path, bytes) in a {
        match b.get(path) {
            None => return format!("{path} is only in the incremental output"),
            Some(other) if other != bytes => {
                let at = bytes
                    .iter()
                    .zip(other)
                    .position(|(x, y)| x != y)
                    .unwrap_or(0);
                let from = at.saturating_sub(60);
                return format!(
                    "{path} differs at byte {at}:\n  incremental: {}\n  clean:       {}",
                    String::from_utf8_lossy(&bytes[from..(at + 60).min(bytes.len())]),
                    String::from_utf8_lossy(&other[from..(at + 60).min(other.len())])
                );
            }
            _ => {}
        }
    }
    for path in b.keys() {
        if !a.contains_key(path) {
            return format!("{path} is only in the clean output");
        }
    }
    "no difference".into()
}

fn run_sequence(seed: u64, steps: usize, search: bool) {
    let mut r = Random(seed);
    // With search, the index's parts are compared too: serve re-indexes
    // after each rebuild, and a cached build re-indexes the parts whose
    // pages changed.
    let args = |rest: &[&'static str]| -> Vec<&'static str> {
        let mut args = vec!["build"];
        if !search {
            args.push("--no-search");
        }
        args.extend(rest);
        args
    };
    let mut world = World::new(&mut r);
    let site = world.site.path().to_path_buf();
    let clean = tempfile::tempdir().expect("temp dir");
    let clean_out = clean.path().join("out");
    let serve_dir = tempfile::tempdir().expect("temp dir");
    let mut session = Session::new(BuildOptions {
        output: Some(serve_dir.path().join("out")),
        // As `serve` does: a cache of its own, beside its output.
        cache: Some(serve_dir.path().join("cache")),
        in_place: false,
        search,
        ..BuildOptions::new(&site)
    });
    let first = build(&site, &args(&[]));
    assert_eq!(
        first.status, 0,
        "the generated site does not build:\n{}",
        first.stderr
    );
    session.full().expect("serve's first build");
    let mut log = Vec::new();
    for step in 0..steps {
        log.push(world.edit(&mut r));
        let cached = build(&site, &args(&[]));
        let clean_out_arg = clean_out.to_str().expect("path");
        let mut clean_args = args(&["--no-cache", "--force", "--output"]);
        clean_args.push(clean_out_arg);
        let reference = build(&site, &clean_args);
        let replay = format!(
            "seed {seed}, after step {step}; edits:\n  {}\nreplay with WARTA_CACHE_SEED={seed}{}",
            log.join("\n  "),
            if search { " WARTA_CACHE_SEARCH=1" } else { "" }
        );
        assert_eq!(
            cached.status, reference.status,
            "{replay}\ncached:\n{}\nclean:\n{}",
            cached.stderr, reference.stderr
        );
        assert_eq!(
            diagnostics(&cached),
            diagnostics(&reference),
            "{replay}\nthe cached build reports other problems than a clean one"
        );
        let mut changes = ChangeSet::default();
        for path in &world.changed {
            changes.add(&site, Path::new(path));
        }
        let served = session.apply(&changes);
        if reference.status != 0 {
            // A broken state (a generated collision): both must fail, and
            // the next edits go on from it.
            assert!(
                served.is_err(),
                "{replay}\nserve accepted what build refused"
            );
            continue;
        }
        assert!(served.is_ok(), "{replay}\nserve failed: {served:?}");
        if search {
            let reindexed = session.reindex();
            assert!(reindexed.is_ok(), "{replay}\nserve's index: {reindexed:?}");
        }
        let clean_tree = tree(&clean_out);
        let cached_tree = tree(&world.site.output());
        assert!(
            cached_tree == clean_tree,
            "cached build: {replay}\n{}",
            first_difference(&cached_tree, &clean_tree)
        );
        let served_tree = tree(&serve_dir.path().join("out"));
        assert!(
            served_tree == clean_tree,
            "serve: {replay}\n{}",
            first_difference(&served_tree, &clean_tree)
        );
    }
}

#[test]
fn cached_builds_and_serve_match_a_clean_build_edit_after_edit() {
    match std::env::var("WARTA_CACHE_SEED") {
        Ok(seed) => run_sequence(
            seed.parse().expect("a number"),
            40,
            std::env::var("WARTA_CACHE_SEARCH").is_ok(),
        ),
        Err(_) => {
            for (seed, search) in [
                (0x5eed_0001_u64, false),
                (0x0bad_cafe, true),
                (0x1234_5678_9abc, false),
            ] {
                run_sequence(seed, 25, search);
            }
        }
    }
}

/// A damaged cache is ignored with one warning and the build is right; a
/// damaged pack gives misses, never wrong bytes.
#[test]
fn a_damaged_cache_is_ignored_and_never_used() {
    let site = Site::fixture("bilingual");
    site.build_ok();
    let clean = tree(&site.output());
    let index = site.path().join(".warta-cache/index");
    let pack = site.path().join(".warta-cache/blobs.pack");

    // A pack whose bytes changed under the index: every blob is a miss.
    let mut bytes = fs::read(&pack).unwrap();
    for b in bytes.iter_mut() {
        *b = b.wrapping_add(1);
    }
    fs::write(&pack, &bytes).unwrap();
    std::fs::remove_dir_all(site.output()).unwrap();
    let run = site.build_ok();
    assert!(
        tree(&site.output()) == clean,
        "bytes from a damaged pack were used"
    );
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);

    // A truncated index, then one from elsewhere: one warning each time.
    let text = fs::read(&index).unwrap();
    fs::write(&index, &text[..text.len() / 2]).unwrap();
    let run = site.build_ok();
    assert_eq!(
        run.stderr.matches("cache was ignored").count(),
        1,
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("damaged or truncated"),
        "{}",
        run.stderr
    );
    assert!(tree(&site.output()) == clean);
    let other = Site::fixture("bilingual");
    other.build_ok();
    fs::copy(other.path().join(".warta-cache/index"), &index).unwrap();
    let run = site.build_ok();
    assert!(
        run.stderr.contains("belongs to the site in"),
        "{}",
        run.stderr
    );
    assert!(tree(&site.output()) == clean);
    // And the cache written then is trusted again.
    let run = site.build_ok();
    assert!(!run.stderr.contains("cache was ignored"), "{}", run.stderr);
}

/// A build into an empty folder with a warm cache (a CI job that
/// restored only the cache) writes every file and renders none: the
/// bytes come from the cache's pack, and are a clean build's.
#[test]
fn a_build_into_an_empty_folder_renders_nothing_the_cache_holds() {
    let site = Site::fixture("bilingual");
    site.build_ok();
    let clean = tree(&site.output());
    fs::remove_dir_all(site.output()).unwrap();
    let run = site.run(&["build", "--timings"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let counts = run
        .stderr
        .lines()
        .chain(run.stdout.lines())
        .find(|line| line.contains("reused from the cache"))
        .unwrap_or_default();
    assert!(counts.starts_with("0 outputs rendered"), "{counts:?}");
    let written = tree(&site.output());
    assert!(written == clean, "{}", first_difference(&clean, &written));
}

/// A first build that fails after rendering leaves the cache's pack and
/// no index: the next build uses that folder as its cache, not refuses it.
#[test]
fn a_failed_first_build_leaves_a_cache_the_next_build_takes() {
    let site = Site::fixture("bilingual");
    let item = "content/news/2020-07-15-fgd.id.md";
    let text = fs::read_to_string(site.path().join(item)).unwrap();
    site.write(item, &format!("{text}\n[x](nope.id.md)\n"));
    let run = site.run(&["build", "--no-search"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    site.write(item, &text);
    let run = site.run(&["build", "--no-search"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
}

/// An update in place would leave a search index a build without search
/// does not make: the output is then written afresh.
#[test]
fn a_build_without_search_after_one_with_it_has_no_index() {
    let site = Site::fixture("bilingual");
    site.build_ok();
    assert!(site.exists("pagefind/id/2020/pagefind-entry.json"));
    let run = site.run(&["build", "--no-search"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(!site.exists("pagefind"), "a stale search index was left");
    site.build_ok();
    assert!(site.exists("pagefind/id/2020/pagefind-entry.json"));
}

/// A rebuild with search indexes again only the parts of the index whose
/// pages changed, into the folder it wrote last time, and gives a clean
/// build's output; a part whose news are all gone leaves no folder.
#[test]
fn a_rebuild_with_search_indexes_only_the_parts_that_changed() {
    let site = Site::fixture("bilingual");
    let clean_dir = tempfile::tempdir().unwrap();
    let clean_out = clean_dir.path().join("out");
    let clean = || {
        let out = clean_out.to_str().unwrap();
        let run = site.run(&["build", "--no-cache", "--force", "--output", out]);
        assert_eq!(run.status, 0, "{}", run.stderr);
        tree(&clean_out)
    };
    let summary = |run: &common::Run| format!("{}{}", run.stdout, run.stderr);
    let first = site.build_ok();
    assert!(
        summary(&first).contains("(4 of 4 parts)"),
        "{}",
        summary(&first)
    );
    let unchanged = site.build_ok();
    assert!(
        summary(&unchanged).contains("search index unchanged"),
        "{}",
        summary(&unchanged)
    );

    let item = "content/news/2020-07-15-fgd.id.md";
    let text = fs::read_to_string(site.path().join(item)).unwrap();
    site.write(
        item,
        &format!("{text}\nLumbung pangan warga dibahas pula.\n"),
    );
    let edited = site.build_ok();
    assert!(
        summary(&edited).contains("(1 of 4 parts)"),
        "{}",
        summary(&edited)
    );
    let indexed = tree(&site.output());
    assert!(
        indexed == clean(),
        "{}",
        first_difference(&indexed, &tree(&clean_out))
    );
    assert!(
        indexed
            .keys()
            .any(|p| p.starts_with("pagefind/id/2020/fragment/")),
        "the edited part has no fragments"
    );

    // A story in a year of its own makes a part, and takes it along when
    // it goes.
    let story = "content/news/2031-01-05-lumbung.id.md";
    site.write(
        story,
        "---\ntitle: Lumbung Pangan\ndate: 2031-01-05\ndirectorate: dayasos\n---\n\nLumbung pangan baru.\n",
    );
    let added = site.build_ok();
    assert!(
        summary(&added).contains("(2 of 5 parts)"),
        "{}",
        summary(&added)
    );
    assert!(site.exists("pagefind/id/2031/pagefind-entry.json"));
    let with_story = tree(&site.output());
    assert!(
        with_story == clean(),
        "{}",
        first_difference(&with_story, &tree(&clean_out))
    );
    fs::remove_file(site.path().join(story)).unwrap();
    site.build_ok();
    assert!(
        !site.exists("pagefind/id/2031"),
        "a gone part's folder was left"
    );
    let without = tree(&site.output());
    assert!(
        without == clean(),
        "{}",
        first_difference(&without, &tree(&clean_out))
    );
}

/// The cache never mixes with the site's files or its output, and never
/// takes over a folder of other files.
#[test]
fn a_cache_folder_that_would_mix_with_other_files_is_refused() {
    let site = Site::fixture("bilingual");
    site.write("docs/index", "my notes");
    site.write("docs/blobs.pack", "my data");
    for (cache, why) in [
        ("content/cache", "mix the cache with the site's files"),
        ("public", "mix the cache with the site's files"),
        ("public/cache", "mix the cache with the site's files"),
        (".", "mix the cache with the site's files"),
        ("site.yaml", "is a file"),
        ("docs", "not a warta cache"),
    ] {
        let dir = site.path().join(cache);
        let run = site.run(&["build", "--no-search", "--cache", dir.to_str().unwrap()]);
        assert_eq!(run.status, 1, "--cache {cache}: {}", run.stderr);
        run.assert_error_line(&["error:", why]);
    }
    assert_eq!(
        fs::read_to_string(site.path().join("docs/index")).unwrap(),
        "my notes"
    );
    assert_eq!(
        fs::read_to_string(site.path().join("docs/blobs.pack")).unwrap(),
        "my data"
    );
    assert!(!site.path().join("content/cache").exists());
    // A folder of its own, new or empty, is taken.
    let own = site.path().join("../warta-cache-of-this-site");
    let run = site.run(&["build", "--no-search", "--cache", own.to_str().unwrap()]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(own.join("index").is_file());
    let _ = fs::remove_dir_all(own);
}

/// Adding a story changes where links could lead, so the plan resolves
/// every body's links again: a page whose links still lead where they did
/// is left in place, not rendered again. This holds only if where a link
/// led, as rendering noted it, and as the plan resolves it, agree.
#[cfg(unix)]
#[test]
fn adding_a_story_leaves_a_page_whose_links_are_unchanged_in_place() {
    use std::os::unix::fs::MetadataExt;
    let site = Site::fixture("bilingual");
    let run = site.run(&["build", "--no-search"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    // The Indonesian FGD story links to a program page.
    let linking = site.output().join("id/berita/fgd/index.html");
    assert!(
        fs::read_to_string(&linking)
            .unwrap()
            .contains("/id/program/")
    );
    let before = fs::metadata(&linking).unwrap().ino();
    site.write(
        "content/news/2021-01-05-baru.id.md",
        "---\ntitle: Berita Baru\ndate: 2021-01-05\ndirectorate: dayasos\n---\n\nIsi berita baru.\n",
    );
    let run = site.run(&["build", "--no-search", "--timings"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let added = common::tree(&site.output())
        .into_values()
        .any(|bytes| String::from_utf8_lossy(&bytes).contains("Isi berita baru"));
    assert!(added, "the new story was not built");
    assert_eq!(
        fs::metadata(&linking).unwrap().ino(),
        before,
        "a page whose links lead where they did was rendered again:\n{}",
        run.stderr
    );
}
