//! Links written in Markdown: a relative path to another content file
//! becomes that page's URL; a path to a non-Markdown content file becomes
//! its `/files/` URL; a root-relative path gets the `base_url` path.

use std::path::Path;

use crate::config::SiteConfig;
use crate::diagnostics::path_as_shown;
use crate::digest::{Digest, DigestHasher};
use crate::link::paths::{join_relative, percent_decode, split_suffix};
use crate::link::urls;
use crate::load::anchors::RESERVED_IDS;
use crate::maps::{HashMap, HashSet};
use crate::model::PageId;

/// What a link destination turned out to be.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// Leave it as written (external, `mailto:`, `#fragment`).
    External,
    /// Rewrite to this href.
    Internal(String),
}

/// The lookup tables link resolution needs, built once in `link`.
#[derive(Debug, Default)]
pub struct LinkTargets {
    /// `content/news/x.id.md` → the page.
    pub pages: HashMap<String, PageId>,
    /// `content/news/foto.jpg` → `/files/news/foto.jpg`.
    pub assets: HashMap<String, String>,
    /// Content files that exist but failed to load: their own errors
    /// say what is wrong, and a link to one is left as written.
    pub failed: HashSet<String>,
    /// What the build writes, once the site is planned (`set_outputs`):
    /// until then links from the site root are not checked.
    pub outputs: Option<PlannedOutputs>,
}

/// The paths of the build plan's outputs, with the page each shows (its
/// ids are what a `#fragment` may name).
#[derive(Debug, Default)]
pub struct PlannedOutputs {
    pub by_path: HashMap<String, Option<PageId>>,
    /// A hash of the paths in plan order: where root links can lead.
    pub digest: Digest,
}

/// What resolving a link needs to know of the page it leads to.
pub struct PageTarget<'a> {
    pub url: &'a str,
    pub ids: Ids<'a>,
}

/// The ids of a page a link leads to: found only when a `#fragment` asks
/// for them, which most links do not.
pub enum Ids<'a> {
    Of(&'a crate::model::Page),
    /// A list at hand (the tests' pages).
    #[cfg(test)]
    Known(&'a [String]),
}

impl Ids<'_> {
    fn get(&self) -> &[String] {
        match self {
            Ids::Of(page) => page.anchors(),
            #[cfg(test)]
            Ids::Known(ids) => ids,
        }
    }
}

impl LinkTargets {
    /// Notes what the build writes: `outputs` are the plan's output paths,
    /// in plan order, with the page each shows.
    pub fn set_outputs(&mut self, outputs: &[(&str, Option<PageId>)]) {
        // The digest and the map side by side: 28,000 outputs at 10,000
        // stories, which a rebuild waits for.
        let (digest, by_path) = rayon::join(
            || {
                let mut hasher = DigestHasher::new("planned-outputs");
                for output in outputs {
                    hasher.add(output);
                }
                hasher.digest()
            },
            || {
                let mut by_path =
                    HashMap::with_capacity_and_hasher(outputs.len(), Default::default());
                for &(path, page) in outputs {
                    by_path.insert(path.to_string(), page);
                }
                by_path
            },
        );
        self.outputs = Some(PlannedOutputs { by_path, digest });
    }

    /// Resolves `dest` written in the file `from` (site-relative path).
    /// `page` tells the URL and the ids of a page. The error is a message
    /// for the reader of the diagnostic.
    pub fn resolve<'a>(
        &self,
        config: &SiteConfig,
        from: &Path,
        dest: &str,
        page: impl Fn(PageId) -> PageTarget<'a>,
    ) -> Result<Resolved, String> {
        let dest = dest.trim();
        if dest.is_empty() || dest.starts_with("//") || has_scheme(dest) {
            return Ok(Resolved::External);
        }
        if let Some(fragment) = dest.strip_prefix('#') {
            if let Some(&own) = self.pages.get(path_as_shown(from).as_ref()) {
                check_fragment(page(own).ids.get(), fragment, dest, "this page")?;
            }
            return Ok(Resolved::External);
        }
        if dest.starts_with('/') {
            self.check_root(dest, &page)?;
            return Ok(Resolved::Internal(urls::href(config, dest)));
        }
        let (path_part, suffix) = split_suffix(dest);
        let decoded = percent_decode(path_part);
        let Some(target) = join_relative(from, &decoded) else {
            return Err(format!("link to `{dest}` points outside the site folder"));
        };
        // Pages and their files are in content/; `../../site.yaml` is in
        // the site but is not something a page can link.
        if !target.starts_with("content/") {
            return Err(format!(
                "link to `{dest}` leads out of content/ to `{target}`: link pages and files in content/, and files in static/ from the site root, as `/images/x.jpg`"
            ));
        }
        if decoded.ends_with(".md") {
            return match self.pages.get(&target) {
                Some(&id) => {
                    let found = page(id);
                    if let Some((_, fragment)) = suffix.split_once('#') {
                        check_fragment(found.ids.get(), fragment, dest, &format!("`{target}`"))?;
                    }
                    Ok(Resolved::Internal(format!(
                        "{}{suffix}",
                        urls::href(config, found.url)
                    )))
                }
                // A follow-on of the file's own errors, which stop the build.
                None if self.failed.contains(&target) => Ok(Resolved::External),
                None => Err(format!(
                    "link to `{dest}`: there is no content file `{target}` (drafts are left out unless --drafts)"
                )),
            };
        }
        match self.assets.get(&target) {
            Some(url) => Ok(Resolved::Internal(format!(
                "{}{suffix}",
                urls::href(config, url)
            ))),
            None => Err(format!(
                "link to `{dest}`: there is no file `{target}` (files under static/ are linked from the site root, as `/images/x.jpg`)"
            )),
        }
    }

    /// The page a relative link to a content file leads to, with what
    /// follows its path (`#fragment`, `?query`).
    pub fn page_of<'d>(&self, from: &Path, dest: &'d str) -> Option<(PageId, &'d str)> {
        let dest = dest.trim();
        if dest.starts_with(['/', '#']) || has_scheme(dest) {
            return None;
        }
        let (path_part, suffix) = split_suffix(dest);
        let decoded = percent_decode(path_part);
        if !decoded.ends_with(".md") {
            return None;
        }
        let target = join_relative(from, &decoded)?;
        Some((*self.pages.get(&target)?, suffix))
    }

    /// A link from the site root must lead to something the build
    /// writes: a page, a list, a feed, a file of `static/`.
    fn check_root<'a>(
        &self,
        dest: &str,
        page: &impl Fn(PageId) -> PageTarget<'a>,
    ) -> Result<(), String> {
        let Some(outputs) = &self.outputs else {
            return Ok(());
        };
        let (path_part, fragment) = match dest.split_once('#') {
            Some((path, fragment)) => (path, Some(fragment)),
            None => (dest, None),
        };
        let path_part = path_part.split('?').next().unwrap_or_default();
        let path = percent_decode(path_part.trim_start_matches('/'));
        // The search index is written after the plan's outputs.
        if path.starts_with("pagefind/") {
            return Ok(());
        }
        let found = if path.is_empty() || path.ends_with('/') {
            outputs.by_path.get(&format!("{path}index.html"))
        } else {
            outputs
                .by_path
                .get(path.as_ref())
                .or_else(|| outputs.by_path.get(&format!("{path}/index.html")))
        };
        match (found, fragment) {
            (Some(Some(id)), Some(fragment)) => check_fragment(
                page(*id).ids.get(),
                fragment,
                dest,
                &format!("`{path_part}`"),
            ),
            (Some(_), _) => Ok(()),
            (None, _) if path.ends_with(".md") || path.starts_with("content/") => Err(format!(
                "link to `{dest}`: the site has no page or file there; link a content file by its path relative to this one, as `../news/x.id.md`"
            )),
            (None, _) => Err(format!(
                "link to `{dest}`: the site has no page or file there (a file under static/ is linked by its path below static/, as `/images/x.jpg`)"
            )),
        }
    }
}

/// A `#fragment` must name an id of the page it leads to: a heading's, a
/// footnote's, an element's of raw HTML, or one the theme gives every
/// page.
fn check_fragment(
    anchors: &[String],
    fragment: &str,
    dest: &str,
    target: &str,
) -> Result<(), String> {
    let fragment = percent_decode(fragment);
    if fragment.is_empty()
        || fragment == "top"
        || RESERVED_IDS.contains(&fragment.as_ref())
        || anchors.iter().any(|a| *a == fragment)
    {
        return Ok(());
    }
    let known = if anchors.is_empty() {
        "it has no heading".to_string()
    } else {
        let shown: Vec<&str> = anchors.iter().take(8).map(String::as_str).collect();
        let more = if anchors.len() > shown.len() {
            ", …"
        } else {
            ""
        };
        format!("its ids are {}{more}", shown.join(", "))
    };
    Err(format!(
        "link to `{dest}`: {target} has no heading with the id `{fragment}` ({known})"
    ))
}

/// Link schemes that run code in the reader's browser: refused under
/// `raw_html: false`, in a body and as a lead image alike.
pub fn runs_script(dest: &str) -> bool {
    // Browsers ignore whitespace and control characters inside a scheme.
    let scheme: String = dest
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(11)
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|s| scheme.starts_with(s))
}

/// The message of a link `runs_script` refuses.
pub const UNSAFE_LINK: &str = "a link that runs a script (`javascript:`, `vbscript:` or `data:`); this site has `raw_html: false`";

/// `https:`, `mailto:`, `tel:` …: a scheme is letters, digits, `+-.`
/// before the first `:`, with no `/` before it.
fn has_scheme(dest: &str) -> bool {
    match dest.find(':') {
        Some(i) if i > 0 => {
            let scheme = &dest[..i];
            scheme
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets() -> LinkTargets {
        let mut t = LinkTargets::default();
        t.pages.insert("content/news/a.en.md".into(), 0);
        t.pages.insert("content/news/b.en.md".into(), 7);
        t.pages.insert("content/programs/atensi.en.md".into(), 3);
        t.assets.insert(
            "content/news/foto fgd.jpg".into(),
            urls::content_asset("news/foto fgd.jpg"),
        );
        t
    }

    fn resolve_in(targets: &LinkTargets, dest: &str) -> Result<Resolved, String> {
        let config = SiteConfig::parse("title: T\nbase_url: https://h/warta/\n", None).unwrap();
        let urls: Vec<String> = (0..8).map(|id| format!("/page-{id}/")).collect();
        let anchors = vec!["goal".to_string(), "hasil".to_string()];
        targets.resolve(&config, Path::new("content/news/a.en.md"), dest, |id| {
            PageTarget {
                url: &urls[id],
                ids: Ids::Known(&anchors),
            }
        })
    }

    fn resolve(dest: &str) -> Result<Resolved, String> {
        resolve_in(&targets(), dest)
    }

    #[test]
    fn fragments_must_name_an_id_of_their_page() {
        assert!(resolve("#goal").is_ok());
        assert!(resolve("#main").is_ok());
        assert!(resolve("b.en.md#hasil").is_ok());
        let own = resolve("#no-such-heading").unwrap_err();
        assert!(
            own.contains("this page") && own.contains("goal, hasil"),
            "{own}"
        );
        let other = resolve("b.en.md#no-such-heading").unwrap_err();
        assert!(other.contains("`content/news/b.en.md`"), "{other}");
    }

    #[test]
    fn root_links_must_lead_to_an_output() {
        let mut targets = targets();
        assert!(
            resolve_in(&targets, "/anything.png").is_ok(),
            "not planned yet"
        );
        targets.set_outputs(&[
            ("index.html", None),
            ("images/logo.png", None),
            ("en/news/b/index.html", Some(7)),
        ]);
        for fine in [
            "/",
            "/images/logo.png",
            "/en/news/b/",
            "/en/news/b",
            "/en/news/b/#goal",
            "/pagefind/pagefind.js",
        ] {
            assert!(resolve_in(&targets, fine).is_ok(), "{fine}");
        }
        for broken in [
            "/images/missing.png",
            "/en/news/c/",
            "/en/news/b/#nope",
            "/content/news/b.en.md",
        ] {
            assert!(resolve_in(&targets, broken).is_err(), "{broken}");
        }
        assert!(
            resolve_in(&targets, "/content/news/b.en.md")
                .unwrap_err()
                .contains("relative")
        );
    }

    #[test]
    fn content_links_become_page_urls() {
        assert_eq!(
            resolve("b.en.md").unwrap(),
            Resolved::Internal("/warta/page-7/".into())
        );
        assert_eq!(
            resolve("../programs/atensi.en.md#goal").unwrap(),
            Resolved::Internal("/warta/page-3/#goal".into())
        );
        assert_eq!(
            resolve("./b.en.md").unwrap(),
            Resolved::Internal("/warta/page-7/".into())
        );
    }

    #[test]
    fn other_links_are_left_or_prefixed() {
        assert_eq!(
            resolve("https://kemensos.go.id").unwrap(),
            Resolved::External
        );
        assert_eq!(resolve("mailto:a@b").unwrap(), Resolved::External);
        assert_eq!(resolve("#goal").unwrap(), Resolved::External);
        assert_eq!(
            resolve("/images/x.jpg").unwrap(),
            Resolved::Internal("/warta/images/x.jpg".into())
        );
        assert_eq!(
            resolve("foto%20fgd.jpg").unwrap(),
            Resolved::Internal("/warta/files/news/foto%20fgd.jpg".into())
        );
    }

    #[test]
    fn missing_targets_are_errors() {
        assert!(
            resolve("c.en.md")
                .unwrap_err()
                .contains("content/news/c.en.md")
        );
        assert!(
            resolve("../../../etc/passwd")
                .unwrap_err()
                .contains("outside")
        );
        assert!(resolve("nope.pdf").is_err());
        // Absolute once decoded: not a way out of the site folder either.
        assert!(resolve("%2Fetc/passwd").unwrap_err().contains("outside"));
    }
}
