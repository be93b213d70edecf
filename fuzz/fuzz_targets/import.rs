//! `warta import` on any text: the release found, written as a news file,
//! and named. Never a panic, and the file written must always split into
//! front matter that is valid YAML (`to_markdown` promises that for any
//! title or name).
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use warta::load::front_matter;
use warta::model::Section;
use warta::workflow::import::{file_stem, parse_release, to_markdown};

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    // Detected and forced language take different paths in the notes.
    for lang in [None, Some("id")] {
        let release = parse_release(text, lang);
        for section in [Section::News, Section::Programs] {
            let _ = file_stem(&release, section);
        }
        let file = to_markdown(&release);
        let split = front_matter::split(&file)
            .unwrap_or_else(|e| panic!("imported file does not split: {e:?}\n{file}"));
        if let Err(problems) = front_matter::parse(
            split.yaml,
            Path::new("content/news/x.id.md"),
            Section::News,
            2,
        ) {
            // `directorate` is never imported, so a news file always
            // misses keys; broken YAML would be a bug of `to_markdown`.
            let broken: Vec<_> = problems
                .iter()
                .filter(|p| p.code.starts_with("yaml."))
                .collect();
            assert!(broken.is_empty(), "{broken:?}\n{file}");
        }
    }
});
