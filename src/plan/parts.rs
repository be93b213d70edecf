//! The hashes of the parts of a linked site that outputs read: computed
//! once per plan, in parallel, from the linked model alone.

use rayon::prelude::*;

use super::{BodyLinks, Read};
use crate::digest::{Digest, DigestHasher, digest_of};
use crate::link::LinkedSite;
use crate::link::resolve::Resolved;
use crate::link::taxonomies::Taxonomy;
use crate::model::Page;

/// What identifies this warta build: a cache written by another build may
/// render differently.
pub const BUILD_ID: &str = env!("WARTA_BUILD_ID");

pub struct Parts {
    /// Where links can lead (see `reusing`).
    targets: Digest,
    /// Page digests by what they were made of, for `reusing`.
    page_by_key: std::collections::HashMap<Digest, Digest>,
    global: Digest,
    /// `frame[lang]`
    frame: Vec<Digest>,
    /// `page[id]`: all of a page.
    page: Vec<Digest>,
    /// `card[id]`: what lists show.
    card: Vec<Digest>,
    translations: Vec<Digest>,
    term_names: Vec<Digest>,
    /// `term_index[taxonomy][lang]`
    term_index: Vec<Vec<Digest>>,
}

impl Parts {
    /// `body_links` are the link destinations each page's body held when
    /// it was last rendered (by source path): where they lead now is part
    /// of the page.
    pub fn new(
        linked: &LinkedSite,
        theme_assets: &[(String, Vec<u8>)],
        body_links: &BodyLinks,
    ) -> Parts {
        Parts::reusing(linked, theme_assets, body_links, None)
    }

    /// As `new`, taking from `previous` (the parts of the same site a
    /// moment ago, as `serve` keeps them) the digests of pages whose file,
    /// URL and links are the same, while no URL of the site changed: their
    /// links lead where they did. Resolving every page's links is most of
    /// the work.
    pub fn reusing(
        linked: &LinkedSite,
        theme_assets: &[(String, Vec<u8>)],
        body_links: &BodyLinks,
        previous: Option<&Parts>,
    ) -> Parts {
        let site = &linked.site;
        let pages = &site.content.pages;
        let config = linked.config();
        let languages = config.languages.len();

        let mut global = DigestHasher::new("global");
        global.add(&BUILD_ID);
        // The configuration as parsed (with --base-url applied): its debug
        // form names every field.
        global.add(&format!("{config:?}"));
        for template in &site.templates {
            global.add(&(&template.path, &template.text));
        }
        for (lang, file) in &site.locale_files {
            global.add(&(lang, &file.path, &file.text));
        }
        for (path, bytes) in theme_assets {
            global.add(&(path, bytes));
        }
        global.add(&site.theme_files);
        let global = global.digest();

        // Where links can lead: every page's URL and every copied file.
        let mut targets = DigestHasher::new("targets");
        // A link's URL carries the base_url's path, from the configuration.
        targets.add(&global);
        // A `#fragment` leads to one of a page's ids.
        for (id, p) in pages.iter().enumerate() {
            targets.add(&(&p.source, &linked.urls[id], &p.anchors));
        }
        for asset in &site.content.assets {
            targets.add(&asset.source);
        }
        // A link from the site root leads to an output of the plan.
        targets.add(&linked.targets.outputs.as_ref().map(|o| o.digest));
        // A link to a file that failed to load is left as written.
        let mut failed: Vec<&String> = linked.targets.failed.iter().collect();
        failed.sort();
        targets.add(&failed);
        let targets = targets.digest();
        let reusable = previous.filter(|p| p.targets == targets);
        let (page_keys, page): (Vec<Digest>, Vec<Digest>) = pages
            .par_iter()
            .enumerate()
            .map(|(id, p)| {
                let source = crate::diagnostics::path_as_shown(&p.source);
                let dests = body_links
                    .get(source.as_ref())
                    .map_or(&[][..], |d| d.as_slice());
                let key = digest_of(
                    "page-key",
                    &(
                        &p.source,
                        p.source_digest,
                        &linked.urls[id],
                        dests,
                        &p.front.image,
                    ),
                );
                if let Some(digest) = reusable.and_then(|r| r.page_by_key.get(&key)) {
                    return (key, *digest);
                }
                let mut hasher = DigestHasher::new("page");
                hasher.add(&key);
                // The lead image resolves like a link.
                for dest in dests.iter().chain(&p.front.image) {
                    hasher.add(&(dest, resolution(linked, &p.source, dest)));
                }
                (key, hasher.digest())
            })
            .unzip();
        let page_by_key = page_keys.into_iter().zip(page.iter().copied()).collect();
        let card: Vec<Digest> = pages
            .par_iter()
            .enumerate()
            .map(|(id, p)| card_digest(p, &linked.urls[id]))
            .collect();
        let translations: Vec<Digest> = (0..pages.len())
            .into_par_iter()
            .map(|id| {
                let urls: Vec<Option<&String>> = linked
                    .translations_of(id)
                    .iter()
                    .map(|v| v.map(|v| &linked.urls[v]))
                    .collect();
                digest_of("translations", &urls)
            })
            .collect();
        let frame = (0..languages)
            .map(|lang| {
                let menu: Vec<(&String, &String)> = linked.menus[lang]
                    .iter()
                    .map(|&id| (&pages[id].front.title, &linked.urls[id]))
                    .collect();
                digest_of("frame", &menu)
            })
            .collect();
        let term_names = (0..languages)
            .map(|lang| {
                let mut hasher = DigestHasher::new("term-names");
                for index in &linked.taxonomies {
                    for (term, t) in index.terms.iter().enumerate() {
                        if let Some(page) = linked.term_page(index.taxonomy, term, lang) {
                            hasher.add(&(index.taxonomy, &t.key, &pages[page].front.title));
                        }
                    }
                }
                hasher.digest()
            })
            .collect();
        let term_index = linked
            .taxonomies
            .iter()
            .map(|index| {
                (0..languages)
                    .map(|lang| {
                        let mut hasher = DigestHasher::new("term-index");
                        for (term, t) in index.terms.iter().enumerate() {
                            let own = linked.term_page(index.taxonomy, term, lang);
                            hasher.add(&(&t.key, t.entries[lang].len()));
                            hasher.add(&own.map(|p| card[p]));
                            if index.taxonomy == Taxonomy::Event {
                                // An event's date and place come from its
                                // page in the original language otherwise.
                                let original = t.group.and_then(|g| {
                                    linked.groups[g].original(config.default_language)
                                });
                                hasher.add(&original.map(|p| card[p]));
                            }
                        }
                        hasher.digest()
                    })
                    .collect()
            })
            .collect();
        Parts {
            targets,
            page_by_key,
            global,
            frame,
            page,
            card,
            translations,
            term_names,
            term_index,
        }
    }

    /// The digest of one read.
    pub fn digest(&self, read: &Read, file_digest: &dyn Fn(&str) -> Digest) -> Digest {
        match read {
            Read::Global => self.global,
            Read::Frame(lang) => self.frame[*lang],
            Read::Page(id) => self.page[*id],
            Read::Card(id) => self.card[*id],
            Read::Translations(id) => self.translations[*id],
            Read::TermNames(lang) => self.term_names[*lang],
            Read::TermIndex(taxonomy, lang) => self.term_index[*taxonomy as usize][*lang],
            Read::File(path) => file_digest(path),
            Read::Value(digest) => *digest,
        }
    }
}

/// What a list row, a feed entry or the sitemap shows of a page.
fn card_digest(page: &Page, url: &str) -> Digest {
    digest_of(
        "card",
        &(&page.source, page.lang, &page.front, &page.summary, url),
    )
}

/// Where a link from `source` leads now: a URL, outside, or an error.
fn resolution(linked: &LinkedSite, source: &std::path::Path, dest: &str) -> (u8, String) {
    match linked.resolve_link(source, dest) {
        Ok(Resolved::Internal(url)) => (0, url),
        Ok(Resolved::External) => (1, String::new()),
        Err(message) => (2, message),
    }
}
