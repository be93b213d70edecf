//! What the last production of an output was, and whether it still
//! holds: the rule both `serve` (in memory) and a cached `build` (on disk)
//! use to skip an output.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::digest::{Digest, digest_bytes};
use crate::maps::HashMap;
use crate::plan::parts::LinkDigests;
use crate::plan::{BodyLinks, Parts, Plan};
use crate::render::{BodyRead, Produced};

/// One output as it was last produced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutputRecord {
    /// The plan's fingerprint of everything it read (where a page's body
    /// links lead included).
    pub fingerprint: Digest,
    /// The digest of its bytes.
    pub content: Digest,
}

/// Records by output path.
pub type Records = HashMap<String, OutputRecord>;

impl OutputRecord {
    pub fn new(fingerprint: Digest, produced: &Produced) -> OutputRecord {
        OutputRecord {
            fingerprint,
            content: digest_bytes(&produced.bytes),
        }
    }
}

/// The fingerprint of every output of the plan, in plan order: first of
/// those that read only the site, then of those that read other outputs
/// (the search index reads pages, which read only the site).
pub fn fingerprints(
    plan: &Plan,
    parts: &Parts,
    file_digest: &(dyn Fn(&str) -> Digest + Sync),
) -> Vec<Digest> {
    let reads_outputs = |o: &crate::plan::Output| {
        o.reads
            .iter()
            .any(|r| matches!(r, crate::plan::Read::Output(_)))
    };
    let none = |_: usize| Digest::default();
    let mut prints: Vec<Digest> = plan
        .outputs
        .par_iter()
        .map(|output| {
            if reads_outputs(output) {
                Digest::default()
            } else {
                crate::plan::fingerprint(parts, output, file_digest, &none)
            }
        })
        .collect();
    let of_outputs: Vec<(usize, Digest)> = {
        let first = &prints;
        let print_of = |i: usize| first.get(i).copied().unwrap_or_default();
        plan.outputs
            .par_iter()
            .enumerate()
            .filter(|(_, output)| reads_outputs(output))
            .map(|(i, output)| {
                (
                    i,
                    crate::plan::fingerprint(parts, output, file_digest, &print_of),
                )
            })
            .collect()
    };
    for (i, print) in of_outputs {
        prints[i] = print;
    }
    prints
}

/// Whether `record` still describes an output whose fingerprint is now
/// `fingerprint`.
pub fn still_holds(fingerprint: Digest, record: Option<&OutputRecord>) -> bool {
    record.is_some_and(|r| r.fingerprint == fingerprint)
}

/// Adds the links that rendering resolved to what is known of each page's
/// body: a page rendered now replaces its list. Whether any list changed,
/// and where the links of the bodies read led (for `Parts::reusing`).
pub fn learn_links(known: &mut BodyLinks, mut rendered: Vec<BodyRead>) -> (bool, LinkDigests) {
    // Sorted by page, the reads of one body are together: read for its
    // page and for every feed it is in, it gives the same links again.
    rendered.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    // Each body's links, sorted and deduplicated, in parallel (20,000
    // bodies at 10,000 stories); then merged in order.
    let bodies: Vec<(String, crate::plan::Dests, Vec<Digest>)> = rendered
        .par_chunk_by_mut(|a, b| a.0 == b.0)
        .map(|reads| {
            let source = std::mem::take(&mut reads[0].0);
            let mut links: Vec<(String, Digest)> = reads
                .iter_mut()
                .flat_map(|(_, links)| std::mem::take(links))
                .collect();
            // An empty destination leads nowhere, whatever the site.
            links.retain(|(dest, _)| !dest.is_empty());
            // The same destination from the same body leads to the same
            // place.
            links.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            links.dedup_by(|a, b| a.0 == b.0);
            let (dests, digests): (Vec<String>, _) = links.into_iter().unzip();
            (source, dests.into(), digests)
        })
        .collect();
    let (bodies, digests): (Vec<(String, crate::plan::Dests)>, Vec<Vec<Digest>>) = bodies
        .into_iter()
        .map(|(source, dests, digests)| ((source, dests), digests))
        .unzip();
    // The two maps side by side: each is 20,000 inserts at 10,000
    // stories, which the build waits for.
    rayon::join(
        || {
            let mut changed = false;
            known.reserve(bodies.len().saturating_sub(known.len()));
            for (source, dests) in &bodies {
                // No list and an empty one say the same.
                let same = known
                    .get(source)
                    .map_or(dests.is_empty(), |k| **k == **dests);
                if same {
                    continue;
                }
                if dests.is_empty() {
                    known.remove(source);
                } else {
                    known.insert(source.clone(), dests.clone());
                }
                changed = true;
            }
            changed
        },
        || {
            let mut led = LinkDigests::with_capacity_and_hasher(bodies.len(), Default::default());
            for ((source, dests), digests) in bodies.iter().zip(digests) {
                if !dests.is_empty() {
                    led.insert(source.clone(), digests);
                }
            }
            led
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A body read whose links each led to the digest of their own text.
    fn read(source: &str, dests: &[&str]) -> BodyRead {
        let dests = dests
            .iter()
            .map(|d| (d.to_string(), crate::digest::digest_of("t", d)))
            .collect();
        (source.to_string(), dests)
    }

    #[test]
    fn links_read_several_times_are_learned_once_in_order() {
        let mut known = BodyLinks::default();
        known.insert("content/c.md".into(), vec!["x.md".into()].into());
        known.insert("content/d.md".into(), vec!["y.md".into()].into());
        let rendered = vec![
            read("content/a.md", &["z.md", "b.md"]),
            read("content/b.md", &[]),
            read("content/c.md", &[""]),
            read("content/a.md", &["z.md", "", "b.md", "z.md"]),
            read("content/d.md", &["y.md"]),
        ];
        let (changed, led) = learn_links(&mut known, rendered);
        assert!(changed);
        assert_eq!(known["content/a.md"][..], ["b.md", "z.md"]);
        // Where each led, in the same order.
        let digest = |d: &str| crate::digest::digest_of("t", &d);
        assert_eq!(led["content/a.md"], [digest("b.md"), digest("z.md")]);
        assert_eq!(led["content/d.md"], [digest("y.md")]);
        // A body read without links has none (and no entry).
        assert!(!known.contains_key("content/b.md"));
        assert!(!known.contains_key("content/c.md"));
        assert!(!led.contains_key("content/b.md") && !led.contains_key("content/c.md"));
        assert_eq!(known["content/d.md"][..], ["y.md"]);
        let again = vec![read("content/a.md", &["b.md", "z.md"])];
        let (changed, led) = learn_links(&mut known, again);
        assert!(!changed, "nothing changed");
        assert_eq!(led["content/a.md"].len(), 2);
    }
}
