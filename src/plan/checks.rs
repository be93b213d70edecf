//! Problems with the plan's paths, found before anything is written, so
//! that `check` reports what `build` would otherwise hit at the write
//! stage: two outputs at one path, a file where another output needs a
//! folder, a name too long for common file systems, and names that
//! differ only in case (one file on macOS and Windows).

use rayon::prelude::*;

use super::{Output, Owner, Plan, owner_description, owner_path};
use crate::diagnostics::Diagnostic;
use crate::link::LinkedSite;
use crate::maps::{HashMap, HashSet};

/// The longest file or folder name ext4, APFS and NTFS all accept, in
/// bytes of UTF-8.
pub const MAX_NAME_BYTES: usize = 255;

/// Every path problem of a plan.
pub fn path_problems(linked: &LinkedSite, plan: &Plan) -> Vec<Diagnostic> {
    let outputs = &plan.outputs;
    let mut problems = Vec::new();
    let error = |first: &Output, second: &Output, message: String| {
        // Point at what a person can change: a content or copied file
        // before site.yaml.
        let owner = [second, first]
            .into_iter()
            .find(|o| owner_path(linked, &o.owner) != crate::layout::CONFIG_FILE)
            .unwrap_or(second);
        located(linked, owner, "output.duplicate-url", message)
    };
    let describe = |o: &Output| owner_description(linked, &o.owner);

    // The same path twice. A stable sort keeps the first planned owner
    // first, so it is named as the one collided with.
    let mut by_path: Vec<&Output> = outputs.iter().collect();
    by_path.par_sort_by(|a, b| a.path.cmp(&b.path));
    for same in by_path.chunk_by(|a, b| a.path == b.path) {
        for other in &same[1..] {
            problems.push(error(
                same[0],
                other,
                format!(
                    "{} and {} would both be written to /{}; change a `slug`, a file name or a section's name in site.yaml",
                    describe(same[0]),
                    describe(other),
                    same[0].path
                ),
            ));
        }
    }

    // A file where another output needs a folder (`slug: atom.xml` beside
    // the feed /id/atom.xml).
    let files: HashMap<&str, &Output> = outputs.iter().map(|o| (o.path.as_str(), o)).collect();
    // Looked up in parallel: at 28,000 outputs, some 100,000 folders.
    let under_a_file: Vec<(&str, &Output, &Output)> = outputs
        .par_iter()
        .flat_map_iter(|output| {
            let mut found = Vec::new();
            let mut folder = output.path.as_str();
            while let Some((parent, _)) = folder.rsplit_once('/') {
                folder = parent;
                if let Some(file) = files.get(folder) {
                    found.push((folder, *file, output));
                }
            }
            found
        })
        .collect();
    let mut reported: HashSet<(&str, &str)> = HashSet::default();
    for (folder, file, output) in under_a_file {
        if reported.insert((folder, output.path.as_str())) {
            problems.push(error(
                file,
                output,
                format!(
                    "{} would write the file /{folder}, where {} needs a folder for /{}; change a `slug`, a file name or a section's name in site.yaml",
                    describe(file),
                    describe(output),
                    output.path
                ),
            ));
        }
    }

    // Names too long to create.
    for output in outputs {
        if let Some(name) = output
            .path
            .split('/')
            .find(|name| name.len() > MAX_NAME_BYTES)
        {
            problems.push(located(
                linked,
                output,
                "output.name-too-long",
                format!(
                    "{} would be written to a name of {} bytes (`{}…`); file systems allow at most {MAX_NAME_BYTES}: shorten the `slug` or the file name",
                    describe(output),
                    name.len(),
                    name.chars().take(40).collect::<String>()
                ),
            ));
        }
    }

    // Names that differ only in case.
    let mut by_folded: Vec<(String, &Output)> = outputs
        .par_iter()
        .map(|o| (o.path.to_lowercase(), o))
        .collect();
    by_folded.par_sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.path.cmp(&b.1.path)));
    for same in by_folded.chunk_by(|a, b| a.0 == b.0) {
        let first = same[0].1;
        for (_, other) in &same[1..] {
            if other.path != first.path {
                problems.push(error(
                    first,
                    other,
                    format!(
                        "{} (/{}) and {} (/{}) differ only in case: on macOS and Windows, and on hosts that ignore case, they are one file; rename one",
                        describe(first),
                        first.path,
                        describe(other),
                        other.path
                    ),
                ));
            }
        }
    }
    problems
}

/// A problem of `output`'s path, at what gave it: the `slug:` line of the
/// page that owns it, when the page has one; else the owner's file.
fn located(
    linked: &LinkedSite,
    output: &Output,
    code: &'static str,
    message: String,
) -> Diagnostic {
    let slug_at = match output.owner {
        Owner::Content(id) => linked.site.content.pages[id].front.slug_at,
        _ => None,
    };
    Diagnostic::error(code, owner_path(linked, &output.owner), message).at_known(slug_at)
}
