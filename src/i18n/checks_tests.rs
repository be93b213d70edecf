//! Unit tests of `checks`.

use super::*;

fn problems(text: &str) -> Vec<(usize, String)> {
    let sources = vec![("locales/id/site.ftl".to_string(), text.to_string())];
    let calls = template_calls(
        "templates/x.html",
        r#"{{ t(key="news-count", count=n) }} {{ t(key = 'halo', nama=x, lang="en") }}"#,
    );
    language_problems("id", &sources, &calls, &BTreeMap::new())
        .into_iter()
        .map(|d| (d.line.unwrap_or(0), d.message))
        .collect()
}

#[test]
fn failing_messages_are_named_at_their_line() {
    let found = problems(
        "ok = Baik\nnews-count = { $jumlah } berita\nnews-title = { news-title }\nmerek = { -brand }\nangka = { NUMBERX($count) }\nhalo = Halo { $nama }\n",
    );
    let mut found = found;
    found.sort();
    let lines: Vec<usize> = found.iter().map(|(line, _)| *line).collect();
    assert_eq!(lines, [2, 3, 4, 5], "{found:#?}");
    assert!(found[0].1.contains("`$jumlah`"), "{found:#?}");
    assert!(found[0].1.contains("`$count`"), "{found:#?}");
    assert!(found[1].1.contains("refers to itself"), "{found:#?}");
    assert!(found[2].1.contains("`-brand`"), "{found:#?}");
    assert!(found[3].1.contains("`NUMBERX()`"), "{found:#?}");
}

#[test]
fn a_variable_in_any_variant_and_in_referred_messages_is_checked() {
    let found = problems(
        "news-count = { $count ->\n    [one] satu\n   *[other] { $jumlah } berita\n}\ndate-long = { hari }\nhari = { $day } { $bulan }\n",
    );
    let messages: Vec<&str> = found.iter().map(|(_, m)| m.as_str()).collect();
    assert_eq!(messages.len(), 2, "{messages:#?}");
    assert!(messages.iter().any(|m| m.contains("`$jumlah`")));
    assert!(messages.iter().any(|m| m.contains("`hari` uses `$bulan`")));
}

#[test]
fn mutual_references_are_one_cycle() {
    let found = problems("a = { b }\nb = { -c }\n-c = { a }\n");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].1.contains("a → b → -c → a"), "{found:#?}");
}
