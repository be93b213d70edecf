//! What the last production of an output was, and whether it still
//! holds: the rule both `serve` (in memory) and a cached `build` (on disk)
//! use to skip an output.

use std::collections::HashMap;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::digest::{Digest, DigestHasher, digest_bytes};
use crate::link::LinkedSite;
use crate::link::resolve::Resolved;
use crate::plan::Plan;
use crate::render::{LinkRead, Produced};

/// One output as it was last produced.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OutputRecord {
    /// The plan's fingerprint of everything it read.
    pub fingerprint: Digest,
    /// The links its bodies resolved, and where they led.
    pub links: Vec<LinkRead>,
    pub links_digest: Digest,
    /// The digest of its bytes.
    pub content: Digest,
    pub size: u64,
}

/// Records by output path.
pub type Records = HashMap<String, OutputRecord>;

impl OutputRecord {
    pub fn new(fingerprint: Digest, linked: &LinkedSite, produced: &Produced) -> OutputRecord {
        OutputRecord {
            fingerprint,
            links_digest: links_digest(linked, &produced.links),
            links: produced.links.clone(),
            content: digest_bytes(&produced.bytes),
            size: produced.bytes.len() as u64,
        }
    }
}

/// Where `links` lead in `linked`, as one digest: a link that now leads
/// elsewhere, or nowhere, changes it.
pub fn links_digest(linked: &LinkedSite, links: &[LinkRead]) -> Digest {
    let config = linked.config();
    let mut hasher = DigestHasher::new("links");
    for (source, dest) in links {
        let resolved =
            linked
                .targets
                .resolve(config, std::path::Path::new(source), dest, |target| {
                    linked.urls[target].clone()
                });
        match resolved {
            Ok(Resolved::Internal(url)) => hasher.add(&(0u8, url)),
            Ok(Resolved::External) => hasher.add(&1u8),
            Err(message) => hasher.add(&(2u8, message)),
        };
    }
    hasher.digest()
}

/// The fingerprint of every output of the plan, in plan order.
pub fn fingerprints(plan: &Plan, file_digest: &(dyn Fn(&str) -> Digest + Sync)) -> Vec<Digest> {
    plan.outputs
        .par_iter()
        .map(|output| plan.fingerprint(output, file_digest))
        .collect()
}

/// Whether `record` still describes `output`: same fingerprint, and its
/// links lead where they did.
pub fn still_holds(
    linked: &LinkedSite,
    fingerprint: Digest,
    record: Option<&OutputRecord>,
) -> bool {
    match record {
        Some(record) => {
            record.fingerprint == fingerprint
                && (record.links.is_empty()
                    || links_digest(linked, &record.links) == record.links_digest)
        }
        None => false,
    }
}
