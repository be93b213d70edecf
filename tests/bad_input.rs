//! The bad-input suite: one broken site per case, built after a good
//! build of the same site. Each must exit 1 with a message naming the file
//! (and the line where there is one), must not panic or hang, and must
//! leave the previous output exactly as it was.

mod common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Run, Site, tree};

const NEWS: &str = "content/news/rusak.id.md";

fn news_with(front: &str, body: &str) -> String {
    format!("---\ntitle: Rusak\ndate: 2020-07-15\ndirectorate: dayasos\n{front}---\n\n{body}")
}

/// Runs `warta build` on `site`, killing it and failing the test if it
/// takes longer than `deadline` (a hang is a bug, whatever the input).
fn build_within(site: &Site, deadline: Duration) -> Run {
    let dir = tempfile::tempdir().expect("temp dir");
    let (out, err) = (dir.path().join("out"), dir.path().join("err"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(["build", "--no-search", "--site"])
        .arg(site.path())
        .current_dir(site.path())
        .stdout(std::fs::File::create(&out).expect("stdout file"))
        .stderr(std::fs::File::create(&err).expect("stderr file"))
        .stdin(Stdio::null())
        .spawn()
        .expect("run warta");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("warta build did not finish within {deadline:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run {
        status: status.code().unwrap_or(-1),
        stdout: std::fs::read_to_string(out).unwrap_or_default(),
        stderr: std::fs::read_to_string(err).unwrap_or_default(),
    }
}

/// Builds the fixture, breaks it with `break_site`, builds again, and
/// checks the failure: exit 1, no panic, a stderr line with all of
/// `parts`, the old output byte for byte, and no leftovers beside it.
fn rejected(break_site: impl FnOnce(&Site), parts: &[&str]) -> Run {
    let site = Site::fixture("bilingual");
    let first = build_within(&site, Duration::from_secs(60));
    assert_eq!(first.status, 0, "the good build failed:\n{}", first.stderr);
    let before = tree(&site.output());
    break_site(&site);
    let run = build_within(&site, Duration::from_secs(60));
    assert_eq!(
        run.status, 1,
        "expected exit 1:\n{}\n{}",
        run.stderr, run.stdout
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run.assert_error_line(parts);
    assert!(
        tree(&site.output()) == before,
        "the failed build changed the previous output"
    );
    let leftovers: Vec<String> = std::fs::read_dir(site.path())
        .expect("site folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".public.warta-"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "left beside the output: {leftovers:?}"
    );
    run
}

#[test]
fn malformed_yaml() {
    rejected(
        |site| {
            site.write(NEWS, "---\ntitle: \"open\ndate: 2020-07-15\n---\n\nIsi.\n");
        },
        &["error: content/news/rusak.id.md:2:", "malformed YAML"],
    );
}

#[test]
fn front_matter_never_closed() {
    rejected(
        |site| {
            site.write(
                NEWS,
                "---\ntitle: Rusak\ndate: 2020-07-15\n\nIsi tanpa akhir.\n",
            );
        },
        &["error: content/news/rusak.id.md:1:1:"],
    );
}

#[test]
fn empty_file() {
    rejected(
        |site| {
            site.write(NEWS, "");
        },
        &["error: content/news/rusak.id.md:1:1:", "empty"],
    );
}

#[test]
fn invalid_utf8() {
    rejected(
        |site| {
            let mut bytes = news_with("", "Isi ").into_bytes();
            bytes.extend_from_slice(&[0xff, 0xfe, b'\n']);
            site.write_bytes(NEWS, &bytes);
        },
        &["error: content/news/rusak.id.md:7:5:", "not UTF-8"],
    );
}

#[test]
fn a_ten_megabyte_file() {
    rejected(
        |site| {
            let body = "Kalimat yang sama berulang-ulang.\n".repeat(10 * 1024 * 1024 / 34);
            site.write(NEWS, &news_with("", &body));
        },
        &["error: content/news/rusak.id.md:", "at most 1 MB"],
    );
}

#[test]
fn a_yaml_alias_bomb() {
    // Nine levels of nine aliases each: 9^9 (387 million) nodes if expanded.
    let mut front = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for level in 1..9 {
        let prev = format!("*a{}", level - 1);
        let row = [prev.as_str(); 9].join(", ");
        front.push_str(&format!("a{level}: &a{level} [{row}]\n"));
    }
    rejected(
        |site| {
            site.write(NEWS, &news_with(&front, "Isi.\n"));
        },
        &["error: content/news/rusak.id.md:"],
    );
}

#[test]
fn markdown_nested_a_hundred_thousand_levels() {
    for body in ["> ".repeat(100_000), "- ".repeat(100_000)] {
        rejected(
            |site| {
                site.write(NEWS, &news_with("", &format!("{body}dalam\n")));
            },
            &[
                "error: content/news/rusak.id.md:7:",
                "nested more than 100 levels",
            ],
        );
    }
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_in_content() {
    rejected(
        |site| {
            std::os::unix::fs::symlink("..", site.path().join("content/news/putaran"))
                .expect("symlink");
        },
        &["error: content/news/putaran", "symbolic link loop"],
    );
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_site() {
    let outside = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        outside.path().join("rahasia.md"),
        news_with("", "Rahasia.\n"),
    )
    .unwrap();
    let run = rejected(
        |site| {
            let news = site.path().join("content/news");
            std::os::unix::fs::symlink(outside.path(), news.join("luar")).expect("symlink");
            std::os::unix::fs::symlink(
                outside.path().join("rahasia.md"),
                news.join("rahasia.id.md"),
            )
            .expect("symlink");
        },
        &["error: content/news/luar:", "outside the site folder"],
    );
    run.assert_error_line(&[
        "error: content/news/rahasia.id.md:",
        "outside the site folder",
    ]);
    // Nothing behind the folder link was listed, let alone read.
    assert!(!run.stderr.contains("luar/"), "{}", run.stderr);
}

#[test]
fn slugs_that_would_leave_their_folder() {
    for slug in [
        "\"..\"",
        "\"../../etc\"",
        "\"a/b\"",
        "'a\\b'",
        "\"a\\0b\"",
        "/mutlak",
    ] {
        let run = rejected(
            |site| {
                site.write(NEWS, &news_with(&format!("slug: {slug}\n"), "Isi.\n"));
            },
            &["error: content/news/rusak.id.md:5:"],
        );
        assert!(
            run.stderr.contains("slug") || run.stderr.contains("YAML"),
            "{slug}: {}",
            run.stderr
        );
    }
}

#[test]
fn a_template_override_with_a_syntax_error() {
    rejected(
        |site| {
            site.write(
                "templates/page.html",
                "{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ page.title </h1>\n{% endblock main %}\n",
            );
        },
        &["error: templates/page.html:3"],
    );
}

#[test]
fn a_fluent_file_with_a_syntax_error() {
    rejected(
        |site| {
            site.write(
                "locales/id/situs.ftl",
                "judul-situs = Warta\nrusak = { $nama\n",
            );
        },
        &["error: locales/id/situs.ftl:2:", "Fluent"],
    );
}

#[test]
fn a_site_yaml_with_a_wrong_type() {
    rejected(
        |site| {
            let yaml = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
            site.write("site.yaml", &yaml.replace("paginate: 2", "paginate: [dua]"));
        },
        &["error: site.yaml:5:", "paginate"],
    );
}

#[test]
fn markdown_under_a_name_warta_does_not_read() {
    for name in ["x.id.MD", "x.id.markdown", "x.id.Md"] {
        let path = format!("content/news/{name}");
        rejected(
            |site| {
                site.write(&path, &news_with("", "Teks."));
            },
            &["error:", &path, "rename", "`x.id.md`"],
        );
    }
}

#[test]
fn a_missing_content_folder() {
    rejected(
        |site| {
            std::fs::rename(
                site.path().join("content"),
                site.path().join("content-moved"),
            )
            .expect("move content");
        },
        &["error: content:", "there is no content/ folder"],
    );
}

#[test]
fn a_title_of_only_invisible_characters() {
    rejected(
        |site| {
            site.write(
                NEWS,
                "---\ntitle: \"\u{a0}\u{200b} \"\ndate: 2020-07-15\ndirectorate: dayasos\n---\n\nTeks.\n",
            );
        },
        &["error:", NEWS, "`title` has no visible character"],
    );
}

// #16 point 14: every default-ignorable code point and every blank-looking
// one is invisible; a title of only these is empty.
#[test]
fn titles_of_characters_that_show_nothing() {
    for c in [
        '\u{AD}',
        '\u{2800}',
        '\u{3164}',
        '\u{115F}',
        '\u{1160}',
        '\u{180E}',
        '\u{FE0F}',
        '\u{34F}',
        '\u{E0020}',
    ] {
        rejected(
            |site| {
                site.write(
                    NEWS,
                    &format!("---\ntitle: \"{c}{c}\"\ndate: 2020-07-15\ndirectorate: dayasos\n---\n\nTeks.\n"),
                );
            },
            &["error:", NEWS, "`title` has no visible character"],
        );
    }
}

// #16 point 14: a right-to-left override in a title is taken out, not
// left open to turn " | Warta Uji" around; controls HTML forbids in a
// body (U+0001, ESC) are written as U+FFFD, as NUL is.
#[test]
fn bidi_overrides_in_titles_and_controls_in_bodies_do_not_reach_pages() {
    let site = common::Site::fixture("bilingual");
    site.write(
        NEWS,
        &news_with("", "Teks \u{1} dan \u{1b}[31m merah.\n").replacen(
            "title: Rusak",
            "title: \"\u{202E}Rusak\"",
            1,
        ),
    );
    site.build_ok();
    let pages: Vec<(String, String)> = tree(&site.output())
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html") || path.ends_with(".xml"))
        .map(|(path, bytes)| (path, String::from_utf8_lossy(&bytes).into_owned()))
        .collect();
    let page = pages
        .iter()
        .find(|(path, _)| path.starts_with("id/") && path.ends_with("rusak/index.html"))
        .expect("the page is built");
    assert!(
        page.1.contains("Teks \u{FFFD} dan \u{FFFD}[31m merah."),
        "{}",
        page.1
    );
    assert!(page.1.contains("<title>Rusak | "), "{}", page.0);
    for (path, html) in &pages {
        for c in ['\u{202E}', '\u{1}', '\u{1b}'] {
            assert!(!html.contains(c), "{path} has U+{:04X}", c as u32);
        }
    }
}

// #16 point 7: a term is named by its file name in every language, so two
// term pages paired under different file names would split it in two.
#[test]
fn paired_term_pages_with_different_file_names() {
    rejected(
        |site| {
            site.remove("content/programs/pilar-sosial.en.md");
            site.write(
                "content/programs/social-pillars.en.md",
                "---\ntitle: Social Pillars\ntranslation_key: pilar-sosial\n---\n\nText.\n",
            );
            site.write(
                "content/programs/pilar-sosial.id.md",
                "---\ntitle: Pilar Sosial\ntranslation_key: pilar-sosial\n---\n\nTeks.\n",
            );
        },
        &[
            "error: content/programs/social-pillars.en.md",
            "name both `pilar-sosial.<lang>.md`",
        ],
    );
}

// #16 point 6: the lead image follows the body's link rules.
#[test]
fn a_lead_image_that_does_not_exist() {
    rejected(
        |site| {
            site.write(
                NEWS,
                &news_with("image: hilang.jpg\nimage_alt: Foto\n", "Teks.\n"),
            );
        },
        &[
            "error: content/news/rusak.id.md:5:",
            "`image`",
            "content/news/hilang.jpg",
        ],
    );
}

#[test]
fn a_lead_image_that_runs_a_script_under_raw_html_false() {
    rejected(
        |site| {
            let yaml = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
            site.write("site.yaml", &format!("{yaml}raw_html: false\n"));
            site.write(
                NEWS,
                &news_with(
                    "image: \"javascript:alert(1)\"\nimage_alt: Foto\n",
                    "Teks.\n",
                ),
            );
        },
        &[
            "error: content/news/rusak.id.md:5:",
            "`image`",
            "runs a script",
        ],
    );
}

// #16 point 6: a lead image, or an image in a body, must lead to an
// image: not to a page, a `file:` URL or a URL that does not parse.
#[test]
fn an_image_that_is_a_page_or_no_url() {
    for (image, expected) in [
        ("2020-07-15-fgd.id.md", "is a page, not an image"),
        ("file:///etc/passwd", "is not an image"),
        ("\"http://[::1\"", "is not a URL that works"),
    ] {
        rejected(
            |site| {
                site.write(
                    NEWS,
                    &news_with(&format!("image: {image}\nimage_alt: Foto\n"), "Teks.\n"),
                );
            },
            &["error: content/news/rusak.id.md:5:", "`image`", expected],
        );
    }
    rejected(
        |site| {
            site.write(
                NEWS,
                &news_with("", "Teks.\n\n![Foto](2020-07-15-fgd.id.md)\n"),
            );
        },
        &[
            "error: content/news/rusak.id.md:9:1:",
            "is a page, not an image",
        ],
    );
}

// #16 point 11: a page that fails to load is not also "missing" for every
// page that links to it; its own error is the one to fix.
#[test]
fn a_linked_page_with_a_bad_key_gives_no_follow_on_errors() {
    let run = rejected(
        |site| {
            site.write(
                "content/programs/pilar-sosial.id.md",
                "---\ntitle: Pilar Sosial\nkunci: salah\n---\n\nTeks.\n",
            );
        },
        &["error: content/programs/pilar-sosial.id.md:3:", "kunci"],
    );
    assert!(
        !run.stderr.contains("there is no content file"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("error:").count(), 1, "{}", run.stderr);
}

// #16 point 9: links that lead nowhere, with a fragment or from the site
// root, are errors like a link to a missing file; `check` finds them too.
#[test]
fn dead_links_by_fragment_or_from_the_site_root() {
    for (link, expected) in [
        (
            "[a](2020-07-23-renstra.id.md#tidak-ada)",
            "has no heading with the id `tidak-ada`",
        ),
        ("[a](#tidak-ada)", "this page has no heading"),
        (
            "[a](/content/news/2020-07-23-renstra.id.md)",
            "relative to this one",
        ),
        ("![a](/images/hilang.png)", "no page or file there"),
        ("[a](/id/berita/tidak-ada/)", "no page or file there"),
        (
            "[a](/id/berita/renstra/#tidak-ada)",
            "no heading with the id",
        ),
    ] {
        let run = rejected(
            |site| {
                site.write(
                    NEWS,
                    &news_with("", &format!("## Judul\n\nLihat {link}.\n")),
                );
            },
            &["error: content/news/rusak.id.md:9:", expected],
        );
        assert_eq!(run.stderr.matches("error:").count(), 1, "{}", run.stderr);
    }
    // The same links that lead somewhere pass.
    let site = Site::fixture("bilingual");
    site.write(
        NEWS,
        &news_with(
            "",
            "## Judul\n\n[a](2020-07-23-renstra.id.md#hasil) [b](#judul) [c](/images/logo.png) [d](/id/berita/renstra/#hasil) [e](/id/) [f](#main)\n",
        ),
    );
    site.build_ok();
    let check = site.run(&["check"]);
    assert!(!check.stderr.contains("error"), "{}", check.stderr);
}

#[test]
fn check_reports_dead_links_as_build_does() {
    let site = Site::fixture("bilingual");
    site.write(
        NEWS,
        &news_with("", "[a](#tidak-ada) ![b](/images/hilang.png)\n"),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    run.assert_error_line(&["content/news/rusak.id.md:7:1:", "#tidak-ada"]);
    run.assert_error_line(&["content/news/rusak.id.md:7:", "/images/hilang.png"]);
}

#[test]
fn a_table_of_a_hundred_thousand_rows_and_a_run_of_tags() {
    let table = format!("| a | b |\n|---|---|\n{}", "|x|y|\n".repeat(100_000));
    for body in [table, "<a".repeat(400_000)] {
        rejected(
            |site| {
                site.write(NEWS, &news_with("", &body));
            },
            &[
                "error: content/news/rusak.id.md:",
                "more than 200000 pieces",
                "split it into several pages",
            ],
        );
    }
}

#[test]
fn keys_in_the_wrong_section() {
    rejected(
        |site| {
            site.write(NEWS, &news_with("menu: 1\n", "Teks.\n"));
        },
        &[
            "error: content/news/rusak.id.md:5:1:",
            "`menu` is not a key of a news item",
            "the keys a news item takes are title, date,",
        ],
    );
    let run = rejected(
        |site| {
            site.write(
                "content/pages/profil.id.md",
                "---\ntitle: Profil\ndate: 2020-07-15\ndirectorate: dayasos\ntags: [psm]\nprograms: [atensi]\n---\n\nTeks.\n",
            );
        },
        &[
            "error: content/pages/profil.id.md:3:1:",
            "`date` is not a key of a page in content/pages/",
        ],
    );
    for (line, key) in [(4, "directorate"), (5, "tags"), (6, "programs")] {
        run.assert_error_line(&[
            &format!("content/pages/profil.id.md:{line}:1:"),
            &format!("`{key}` is not a key of a page"),
        ]);
    }
}

// #16 point 15, term sections: a directorate, event or program page takes
// no `menu`, and only the keys its pages show (an event its date and place).
#[test]
fn keys_in_the_wrong_term_section() {
    let run = rejected(
        |site| {
            site.write(
                "content/directorates/humas.en.md",
                "---\ntitle: Public Relations\ndate: 2020-01-01\nmenu: 2\nevent: e\n---\n\nText.\n",
            );
            site.write(
                "content/events/acara.id.md",
                "---\ntitle: Acara\ndate: 2020-01-01\nplace: Bekasi\nevent: lain\ndirectorate: nope\nmenu: 3\n---\n\nTeks.\n",
            );
            site.write(
                "content/programs/prog.id.md",
                "---\ntitle: Prog\ndate: 2020-01-01\nplace: Bekasi\n---\n\nTeks.\n",
            );
        },
        &[
            "error: content/directorates/humas.en.md:3:1:",
            "`date` is not a key of a directorate page",
        ],
    );
    for (file, line, key) in [
        ("content/directorates/humas.en.md", 4, "menu"),
        ("content/directorates/humas.en.md", 5, "event"),
        ("content/events/acara.id.md", 5, "event"),
        ("content/events/acara.id.md", 6, "directorate"),
        ("content/events/acara.id.md", 7, "menu"),
        ("content/programs/prog.id.md", 3, "date"),
        ("content/programs/prog.id.md", 4, "place"),
    ] {
        run.assert_error_line(&[
            &format!("{file}:{line}:1:"),
            &format!("`{key}` is not a key of"),
        ]);
    }
    // An event's date and place are shown on its page.
    assert!(!run.stderr.contains("acara.id.md:3:"), "{}", run.stderr);
    assert!(!run.stderr.contains("acara.id.md:4:"), "{}", run.stderr);
}

#[test]
fn fluent_messages_that_fail_when_formatted() {
    for (text, line, words) in [
        (
            "judul = Warta\nnews-count = { $jumlah } berita\n",
            2,
            "`$jumlah`",
        ),
        ("news-title = { news-title }\n", 1, "refers to itself"),
        ("site-title = { -brand }\n", 1, "no term `-brand`"),
        (
            "judul = Warta\nnav-news = Berita { footer-about.label }\n",
            2,
            "has no attribute `.label`",
        ),
        (
            "-brand = Warta\n    .gender = f\nnav-news = { -brand.genus ->\n    [f] A\n   *[m] B\n}\n",
            3,
            "has no attribute `.genus`",
        ),
        (
            "news-count = { NUMBERX($count) } berita\n",
            1,
            "`NUMBERX()`, which is not a Fluent function",
        ),
    ] {
        rejected(
            |site| {
                site.write("locales/id/situs.ftl", text);
            },
            &[&format!("error: locales/id/situs.ftl:{line}:1:"), words],
        );
    }
}

#[test]
fn a_term_attribute_shown_as_text_is_said_in_fluent_terms() {
    let run = rejected(
        |site| {
            site.write(
                "locales/id/situs.ftl",
                "-brand = Warta\n    .long = Warta Kemensos\nsite-title = { -brand.long }\n",
            );
        },
        &[
            "error: locales/id/situs.ftl:3:",
            "a term's attribute (`{ -brand.long }`) cannot be shown as text",
        ],
    );
    assert!(!run.stderr.contains("selector"), "{}", run.stderr);
}

#[test]
fn a_template_that_asks_for_a_message_no_language_has() {
    rejected(
        |site| {
            site.write(
                "templates/page.html",
                "{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ t(key=\"no-such-message\") }}</h1>\n{% endblock main %}\n",
            );
        },
        &[
            "error: templates/page.html:3:1:",
            "there is no message `no-such-message` in any language",
        ],
    );
}

#[test]
fn a_computed_key_no_language_has_fails_the_render() {
    rejected(
        |site| {
            site.write(
                "templates/page.html",
                "{% extends \"base.html\" %}\n{% block main %}\n{% set k = \"dyn-\" ~ \"missing\" %}<p>{{ t(key=k) }}</p>\n{% endblock main %}\n",
            );
        },
        &[
            "error: templates/page.html",
            "there is no message `dyn-missing` in any language",
        ],
    );
}

#[test]
fn a_message_the_default_language_lacks() {
    rejected(
        |site| {
            site.write("locales/en/situs.ftl", "judul = Newsroom\nonly-en = Only\n");
            site.write(
                "templates/page.html",
                "{% extends \"base.html\" %}\n{% block main %}\n<p>{{ t(key=\"only-en\") }}</p>\n{% endblock main %}\n",
            );
        },
        &[
            "error: locales/en/situs.ftl:2:1:",
            "`only-en` has no text in `id`, the default language",
        ],
    );
}

#[test]
fn a_message_another_language_lacks_is_a_warning_naming_the_default() {
    let site = Site::fixture("bilingual");
    site.write("locales/id/situs.ftl", "only-id = Hanya\n");
    let run = site.run(&["check"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    run.assert_error_line(&[
        "warning: locales/en:",
        "message `only-id` has no `en` text; readers of `en` pages see the text of the default language, `id`",
    ]);
}

#[test]
fn a_template_call_without_an_argument_the_message_uses() {
    for (call, words) in [
        ("t(key=\"news-count\")", "does not pass `count`"),
        ("t(key=\"date-long\", day=1)", "does not pass `month`"),
    ] {
        rejected(
            |site| {
                site.write(
                    "templates/page.html",
                    &format!("{{% extends \"base.html\" %}}\n{{% block main %}}\n<p>{{{{ {call} }}}}</p>\n{{% endblock main %}}\n"),
                );
            },
            &["error: templates/page.html:3:1:", words],
        );
    }
}

#[test]
fn a_selector_on_a_variable_no_one_passes() {
    rejected(
        |site| {
            site.write(
                "locales/id/situs.ftl",
                "nav-home = { $gender ->\n    [a] X\n   *[b] Y\n}\n",
            );
        },
        &[
            "error: locales/id/situs.ftl:1:1:",
            "`nav-home` uses `$gender`, which it is never given",
        ],
    );
}

#[test]
fn a_message_defined_twice_in_one_file_is_a_warning() {
    let site = Site::fixture("bilingual");
    site.write(
        "locales/id/situs.ftl",
        "news-title = Berita\nnews-title = Kabar\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    run.assert_error_line(&[
        "warning: locales/id/situs.ftl:2:1:",
        "`news-title` is defined twice in this file",
    ]);
}

#[test]
fn a_default_language_with_no_messages_shows_english_not_keys() {
    let site = Site::fixture("bilingual");
    site.write(
        "site.yaml",
        "title: Warta Uji\nbase_url: https://example.org/\ndefault_language: jv\nlanguages: [id, en, jv]\npaginate: 2\n",
    );
    site.write(
        "content/pages/profil-jv.jv.md",
        "---\ntitle: Profil\n---\n\nIsi.\n",
    );
    let run = site.run(&["build", "--no-search"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    run.assert_error_line(&[
        "warning: locales/jv:",
        "`jv` has no UI messages",
        "warta's English menus",
    ]);
    assert!(
        !run.stderr.contains("shown in the default language"),
        "{}",
        run.stderr
    );
    let home = site.read("jv/index.html");
    assert!(!home.contains("nav-news"), "{home}");
    assert!(home.contains(">News<"), "{home}");
}
