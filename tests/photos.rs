//! Photos: published in versions, shown as pictures, figures and
//! galleries, made once and then kept, and refused with one error where a
//! page uses a photo that cannot be published.

mod common;

use common::{Site, photo, photo_sized, tree};

const STORY: &str = "content/news/2020-08-01-lapangan.id.md";

fn story(body: &str) -> String {
    format!(
        "---\ntitle: Kegiatan di Lapangan\ndate: 2020-08-01\ndirectorate: dayasos\nimage: lapangan.jpg\nimage_alt: Peserta berkumpul di lapangan\nphotographer: Rudi\n---\n\n{body}"
    )
}

#[test]
fn photos_are_published_in_versions_and_shown_as_pictures() {
    let site = Site::fixture("bilingual");
    site.write_bytes(
        "content/news/lapangan.jpg",
        &photo_sized(1000, 600, 1, "jpg"),
    );
    site.write_bytes("content/news/warga.png", &photo(7, "png"));
    site.write(
        STORY,
        &story(
            "Pembuka.\n\n![Lapangan pagi hari](lapangan.jpg \"Lapangan sebelum acara\")\n\n![Lapangan](lapangan.jpg)\n![Warga](warga.png)\n\nTeks dengan ![warga](warga.png) di tengah.\n",
        ),
    );
    let run = site.run(&["build", "--no-search", "--timings"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    for version in [
        "lapangan-480w.webp",
        "lapangan-960w.webp",
        "lapangan-1000w.webp",
        "lapangan-480w.jpg",
        "lapangan-960w.jpg",
        "lapangan-1000w.jpg",
        "lapangan.jpg",
    ] {
        assert!(site.exists(&format!("files/news/{version}")), "{version}");
    }
    assert!(
        !site.exists("files/news/lapangan-1600w.webp"),
        "never enlarged"
    );
    let page = site.read("id/berita/lapangan/index.html");
    // The lead image loads at once; the others when they near the screen.
    let lead = common::between(&page, "<figure class=\"lead-image\">", "</figure>");
    assert!(lead.contains(r#"width="1000" height="600""#), "{lead}");
    assert!(lead.contains(r#"fetchpriority="high""#), "{lead}");
    assert!(!lead.contains("loading="), "{lead}");
    assert!(lead.contains(r#"<source type="image/webp" srcset="/files/news/lapangan-480w.webp 480w, /files/news/lapangan-960w.webp 960w, /files/news/lapangan-1000w.webp 1000w""#), "{lead}");
    // A titled photo alone: a figure with its caption, not in a paragraph.
    assert!(
        page.contains("<figcaption>Lapangan sebelum acara</figcaption></figure>"),
        "{page}"
    );
    assert!(!page.contains("<p><figure"), "{page}");
    // Several photos in one paragraph: a gallery.
    let gallery = common::between(&page, "<ul class=\"gallery\">", "</ul>");
    assert_eq!(
        gallery
            .matches("<li><figure class=\"photo\"><picture>")
            .count(),
        2,
        "{gallery}"
    );
    assert!(
        gallery.contains(r#"alt="Warga" loading="lazy" decoding="async""#),
        "{gallery}"
    );
    // Among text, a picture in the paragraph.
    assert!(page.contains("<p>Teks dengan <picture>"), "{page}");
    // The credit.
    assert!(page.contains("<dt>Foto</dt><dd>Rudi</dd>"), "{page}");
    // Lists show the lead image small, as decoration beside the title.
    let list = site.read("id/berita/index.html");
    let entry = common::between(&list, "<picture class=\"thumb\">", "</picture>");
    assert!(
        entry.contains(r#"sizes="(min-width: 44rem) 9rem, 6rem""#),
        "{entry}"
    );
    assert!(entry.contains(r#"alt="" loading="lazy""#), "{entry}");
    // Shared as its card.
    assert!(site.exists("files/news/lapangan-card.jpg"));

    // Nothing changed: no photo is made again.
    let again = site.run(&["build", "--no-search", "--timings"]);
    assert_eq!(again.status, 0, "{}", again.stderr);
    assert!(
        format!("{}{}", again.stdout, again.stderr).contains("0 outputs rendered"),
        "{}{}",
        again.stdout,
        again.stderr
    );
}

#[test]
fn a_photo_that_cannot_be_published_is_one_error_where_a_page_shows_it() {
    let mut truncated = photo_sized(200, 100, 2, "jpg");
    truncated.truncate(truncated.len() / 2);
    let mut bomb = photo_sized(16, 16, 3, "jpg");
    let frame = bomb
        .windows(2)
        .position(|w| w == [0xFF, 0xC0])
        .expect("a baseline frame header");
    bomb[frame + 5..frame + 7].copy_from_slice(&20_000u16.to_be_bytes());
    bomb[frame + 7..frame + 9].copy_from_slice(&20_000u16.to_be_bytes());
    let cases: [(&str, Vec<u8>, &str, &str); 4] = [
        (
            "bukan.jpg",
            b"just some text".to_vec(),
            "photo.not-an-image",
            "not a JPEG or PNG",
        ),
        (
            "potong.jpg",
            truncated,
            "photo.damaged",
            "truncated or damaged",
        ),
        ("besar.jpg", bomb, "photo.too-large", "20000 × 20000"),
        (
            "iphone.heic",
            b"\0\0\0\x18ftypheic\0\0\0\0mif1heic".to_vec(),
            "photo.heic",
            "heif-convert",
        ),
    ];
    for (name, bytes, code, says) in cases {
        let site = Site::fixture("bilingual");
        site.build_ok();
        let before = tree(&site.output());
        site.write_bytes(&format!("content/news/{name}"), &bytes);
        site.write(STORY, &story(&format!("Teks.\n\n![Foto]({name})\n")));
        site.write_bytes("content/news/lapangan.jpg", &photo(4, "jpg"));
        let run = site.run(&["build"]);
        assert_eq!(run.status, 1, "{name}: {}", run.stderr);
        let errors: Vec<&str> = run.stderr.lines().filter(|l| l.contains("error")).collect();
        assert_eq!(errors.len(), 1, "{name}: {}", run.stderr);
        let line = errors[0];
        assert!(
            line.starts_with(&format!("error: {STORY}:12:")),
            "{name}: {line}"
        );
        assert!(line.contains(&format!("`{name}`")), "{name}: {line}");
        assert!(line.contains(name) && line.contains(says), "{name}: {line}");
        let check = site.run(&["check", "--format", "json"]);
        assert!(check.stdout.contains(code), "{name}: {}", check.stdout);
        assert!(
            tree(&site.output()) == before,
            "{name}: the output was touched"
        );
    }
}
