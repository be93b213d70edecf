//! The hashes of the parts of a linked site that outputs read: computed
//! once per plan, in parallel, from the linked model alone.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::{BodyLinks, Read};
use crate::digest::{Digest, DigestHasher, digest_of};
use crate::link::LinkedSite;
use crate::link::resolve::Resolved;
use crate::link::taxonomies::Taxonomy;
use crate::maps::HashMap;
use crate::model::Page;

/// What identifies this warta build: a cache written by another build may
/// render differently.
pub const BUILD_ID: &str = env!("WARTA_BUILD_ID");

/// What a later plan of the same site can take over from this one
/// without computing it again: each page's digest and its card's, by
/// what the page was made of. `serve` keeps it in memory, the cache on
/// disk.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartsMemo {
    /// The templates, locales and configuration the digests were taken
    /// under: a card is reused only under the same.
    global: Digest,
    /// Where links could lead: a page's digest, which holds where its
    /// links lead, is reused only while that is the same.
    targets: Digest,
    /// By page key: the page's digest and its card's.
    by_key: HashMap<Digest, (Digest, Digest)>,
}

/// How one memo differs from an earlier one: the cache logs it instead of
/// the whole memo.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MemoChange {
    global: Digest,
    targets: Digest,
    set: Vec<(Digest, (Digest, Digest))>,
    removed: Vec<Digest>,
}

impl PartsMemo {
    /// What turns `self` into `newer`; `None` when they are the same.
    pub fn change_to(&self, newer: &PartsMemo) -> Option<MemoChange> {
        let set: Vec<(Digest, (Digest, Digest))> = newer
            .by_key
            .iter()
            .filter(|(key, digests)| self.by_key.get(*key) != Some(*digests))
            .map(|(key, digests)| (*key, *digests))
            .collect();
        let removed: Vec<Digest> = self
            .by_key
            .keys()
            .filter(|key| !newer.by_key.contains_key(*key))
            .copied()
            .collect();
        let same = set.is_empty()
            && removed.is_empty()
            && self.global == newer.global
            && self.targets == newer.targets;
        (!same).then_some(MemoChange {
            global: newer.global,
            targets: newer.targets,
            set,
            removed,
        })
    }

    pub fn apply(&mut self, change: &MemoChange) {
        self.global = change.global;
        self.targets = change.targets;
        for key in &change.removed {
            self.by_key.remove(key);
        }
        self.by_key.extend(change.set.iter().copied());
    }
}

pub struct Parts {
    memo: PartsMemo,
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
    /// The parts of a linked site. `body_links` are the link
    /// destinations each page's body held when it was last rendered (by
    /// source path): where they lead now is part of the page.
    ///
    /// Taken from `previous` (the memo of the same site's parts a moment
    /// ago, or at the last build) are the digests of pages
    /// whose file, URL and links are the same: a card's under the same
    /// templates and configuration, a page's while also no link target of
    /// the site changed (its links lead where they did). Resolving every
    /// page's links and hashing every card is most of the work.
    ///
    /// `resolved` holds where the links of the bodies rendered a moment
    /// ago led (`cache::record::learn_links`), in the order of
    /// `body_links`: those need not be resolved again.
    pub fn reusing(
        linked: &LinkedSite,
        theme_assets: &[(String, Vec<u8>)],
        body_links: &BodyLinks,
        resolved: &LinkDigests,
        previous: Option<&PartsMemo>,
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
        // A `#fragment` leads to one of a page's ids. By page, in
        // parallel: 20,000 pages at 10,000 stories.
        let page_targets: Vec<Digest> = pages
            .par_iter()
            .enumerate()
            .map(|(id, p)| digest_of("target", &(&p.source, &linked.urls[id], p.anchors())))
            .collect();
        targets.add(&page_targets);
        for asset in &site.content.assets {
            targets.add(&asset.source);
        }
        // An image of a photo shows its versions, which its size decides.
        let photos: Vec<(&str, Option<&crate::photo::Photo>)> = site
            .photos
            .iter()
            .map(|p| (p.output.as_str(), p.photo.as_ref().ok()))
            .collect();
        targets.add(&photos);
        // A link from the site root leads to an output of the plan.
        targets.add(&linked.targets.outputs.as_ref().map(|o| o.digest));
        // A link to a file that failed to load is left as written.
        let mut failed: Vec<&String> = linked.targets.failed.iter().collect();
        failed.sort();
        targets.add(&failed);
        let targets = targets.digest();
        let same_global = previous.filter(|p| p.global == global);
        let same_targets = same_global.filter(|p| p.targets == targets);
        let digests: Vec<(Digest, Digest, Digest)> = pages
            .par_iter()
            .enumerate()
            .map_init(LinkMemo::default, |memo, (id, p)| {
                let source = crate::diagnostics::path_as_shown(&p.source);
                let dests = body_links.get(source.as_ref()).map_or(&[][..], |d| &d[..]);
                // The photo its lead image shows, which its page and its
                // list entry's thumbnail show in versions.
                let lead = linked
                    .lead_photo(id)
                    .and_then(|i| site.photos.get(i))
                    .map(|photo| photo.photo.as_ref().ok().copied());
                let key = digest_of(
                    "page-key",
                    &(
                        &p.source,
                        p.source_digest,
                        &linked.urls[id],
                        dests,
                        &p.front.image,
                        lead,
                    ),
                );
                let known = same_global.and_then(|m| m.by_key.get(&key));
                let page = match (same_targets, known) {
                    (Some(_), Some(&(page, _))) => page,
                    _ => {
                        let mut hasher = DigestHasher::new("page");
                        hasher.add(&key);
                        let led = resolved
                            .get(source.as_ref())
                            .filter(|led| led.len() == dests.len());
                        let folder = p.source.parent();
                        for (n, dest) in dests.iter().enumerate() {
                            let digest = match led {
                                Some(led) => led[n],
                                None => memo.resolve(linked, &p.source, folder, dest),
                            };
                            hasher.add(&(dest, digest));
                        }
                        // The lead image resolves like a link.
                        if let Some(image) = &p.front.image {
                            let digest = memo.resolve(linked, &p.source, folder, image);
                            hasher.add(&(image, digest));
                        }
                        hasher.digest()
                    }
                };
                let card = match known {
                    Some(&(_, card)) => card,
                    None => card_digest(p, &linked.urls[id], lead),
                };
                (key, page, card)
            })
            .collect();
        let memo = PartsMemo {
            global,
            targets,
            by_key: digests
                .iter()
                .map(|&(key, page, card)| (key, (page, card)))
                .collect(),
        };
        let page: Vec<Digest> = digests.iter().map(|d| d.1).collect();
        let card: Vec<Digest> = digests.iter().map(|d| d.2).collect();
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
            memo,
            global,
            frame,
            page,
            card,
            translations,
            term_names,
            term_index,
        }
    }

    /// What a later plan of the site can reuse (`reusing`).
    pub fn memo(&self) -> &PartsMemo {
        &self.memo
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
            // Another output's fingerprint, which `plan::fingerprint`
            // gives; it is not a part of the site.
            Read::Output(_) => Digest::default(),
        }
    }
}

/// What a list row, a feed entry or the sitemap shows of a page.
fn card_digest(page: &Page, url: &str, lead: Option<Option<crate::photo::Photo>>) -> Digest {
    digest_of(
        "card",
        &(
            &page.source,
            page.lang,
            &page.front,
            &page.summary,
            url,
            lead,
        ),
    )
}

/// Where each link of a body led, by the body's source path: the digests
/// of `link_digest`, in the order of the body's destinations in
/// `BodyLinks`.
pub type LinkDigests = HashMap<String, Vec<Digest>>;

/// The digest of where a link led: a URL (and the versions of the photo
/// it shows, if it is one of the site's), outside, or an error. Rendering
/// takes it as it resolves a body's links, and the plan for the links it
/// has to resolve itself: the two must agree.
pub fn link_digest(linked: &LinkedSite, resolved: &Result<Resolved, String>) -> Digest {
    match resolved {
        Ok(Resolved::Internal(url)) => {
            let shown = linked
                .photo(url)
                .map(|photo| photo.photo.as_ref().ok().copied());
            digest_of("link", &(0u8, url, shown))
        }
        Ok(Resolved::External) => digest_of("link", &(1u8, "")),
        Err(message) => digest_of("link", &(2u8, message)),
    }
}

/// Where links led, by the folder of the file they are in and their
/// destination: a relative link leads where its folder and destination
/// say, whichever file of the folder holds it. News items link the same
/// programs, directorates and events over and over (at 10,000 stories
/// 100,000 links, 17,000 of them different), and when a page is added or
/// renamed every link is resolved again.
#[derive(Default)]
struct LinkMemo<'a> {
    /// By the folder's path (its bytes, which hash faster than a `Path`)
    /// and the destination.
    led: HashMap<(&'a [u8], &'a str), Digest>,
}

impl<'a> LinkMemo<'a> {
    /// Resolves a link from `source`, whose folder is `folder`, now, for
    /// its `link_digest`.
    fn resolve(
        &mut self,
        linked: &LinkedSite,
        source: &std::path::Path,
        folder: Option<&'a std::path::Path>,
        dest: &'a str,
    ) -> Digest {
        // A `#fragment` alone names an id of the page itself.
        let Some(folder) = folder.filter(|_| !dest.trim_start().starts_with('#')) else {
            return link_digest(linked, &linked.resolve_link(source, dest));
        };
        *self
            .led
            .entry((folder.as_os_str().as_encoded_bytes(), dest))
            .or_insert_with(|| link_digest(linked, &linked.resolve_link(source, dest)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A link is remembered by its folder: the same destination written
    /// in two folders leads to two files; a `#fragment` alone, to an id
    /// of the page it is in.
    #[test]
    fn links_are_remembered_by_folder_and_destination() {
        let site =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bilingual");
        let (prepared, _) = crate::build::prepare(&site, &Default::default(), false, None);
        let linked = prepared.expect("the fixture loads").linked;
        let source = |path: &str| {
            let pages = &linked.site.content.pages;
            &pages
                .iter()
                .find(|p| p.source.ends_with(path))
                .expect(path)
                .source
        };
        let news = source("news/2020-07-15-fgd.id.md");
        let other_news = source("news/2020-09-12-atensi.id.md");
        let page = source("pages/about.id.md");
        let now = |from: &std::path::Path, dest: &str| {
            link_digest(&linked, &linked.resolve_link(from, dest))
        };
        let mut memo = LinkMemo::default();
        for (from, dest) in [
            (news, "about.id.md"),
            (page, "about.id.md"),
            (other_news, "about.id.md"),
            (news, "#hasil-diskusi"),
            (other_news, "#hasil-diskusi"),
        ] {
            assert_eq!(
                memo.resolve(&linked, from, from.parent(), dest),
                now(from, dest),
                "{dest} from {}",
                from.display()
            );
        }
        // The two folders' links do lead to different places, and only
        // one of the two news items has that id.
        assert_ne!(now(news, "about.id.md"), now(page, "about.id.md"));
        assert_ne!(
            now(news, "#hasil-diskusi"),
            now(other_news, "#hasil-diskusi")
        );
    }
}
