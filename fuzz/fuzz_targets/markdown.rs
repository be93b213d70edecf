//! A page body rendered as `render` does, with links resolved against the
//! real tables of a small linked site (tests/fixtures/bilingual), and its
//! summary taken as `load` does. Any body must render, never panic, with
//! raw HTML allowed or not (site.yaml `raw_html`); the ids rendering finds
//! must be the ids `anchors` finds (unless the body was cut short).
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use warta::link::{self, LinkedSite};
use warta::load::{self, LoadOptions, anchors, summary, yaml};
use warta::render::markdown::{self, BodyPolicy};

/// Loaded and linked once per process: it only supplies lookup tables.
fn site() -> &'static LinkedSite {
    static SITE: OnceLock<LinkedSite> = OnceLock::new();
    SITE.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/bilingual");
        let options = LoadOptions {
            drafts: true,
            // A base path, so that root-relative links get a prefix.
            base_url: Some("https://example.org/warta/".to_string()),
            ..LoadOptions::default()
        };
        let (loaded, problems) = load::load(&root, &options);
        let loaded = loaded.unwrap_or_else(|| panic!("fixture does not load: {problems:?}"));
        assert!(!loaded.content.pages.is_empty(), "fixture has no pages");
        link::link(loaded).0
    })
}

fuzz_target!(|bytes: &[u8]| {
    // Bodies reach `to_html_with` decoded as `load` decodes files.
    let Ok(body) = yaml::decode_utf8(bytes) else {
        return;
    };
    let linked = site();
    let pages = &linked.site.content.pages;
    // Relative links resolve from the page's folder: vary it cheaply.
    let page = &pages[body.len() % pages.len()];
    // The first byte's low bit picks the policy; it changes often under
    // mutation, independently of the length that picks the page.
    let photos = |src: &str| warta::render::pictures::picture(linked, src);
    let found = anchors::Anchors::default();
    let policy = BodyPolicy {
        raw_html: bytes.first().is_none_or(|b| b & 1 == 1),
        photos: Some(&photos),
        anchors: Some(&found),
    };
    let _ = summary::first_paragraph(&body);
    let _ = markdown::to_html_with(&body, &page.source, page.body_line, policy, |dest| {
        linked.resolve_link(&page.source, dest)
    });
    if found.is_known() {
        assert_eq!(
            found.of(""),
            anchors::anchors(&body),
            "rendering and anchors() disagree"
        );
    }
});
