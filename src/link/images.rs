//! What an image's source may be: a file next to the page, a file under
//! `static/` (from the site root), or an `http(s)` URL that parses. A
//! page (`x.en.md`, `/en/news/x/`), `file:` or a broken URL is not an
//! image, and would give an `<img>` (or an `og:image`) that shows nothing.

use std::net::Ipv6Addr;

use crate::link::paths::{percent_decode, split_suffix};

/// Why `dest`, written as an image's source, leads to no image; `None`
/// when it may (whether the file exists is the link rules' concern).
pub fn not_an_image(dest: &str) -> Option<String> {
    let dest = dest.trim();
    const WHAT: &str = "an image is a file next to the page (`foto.jpg`), a file under static/ from the site root (`/images/foto.jpg`), or an http(s) URL";
    if dest.is_empty() || dest.starts_with('#') {
        return Some(format!("`{dest}` is not an image: {WHAT}"));
    }
    if let Some(rest) = dest.strip_prefix("//") {
        return check_url(dest, rest, WHAT);
    }
    if let Some(colon) = dest.find(':')
        && !dest[..colon].contains(['/', '?', '#'])
    {
        let scheme = dest[..colon].to_ascii_lowercase();
        let rest = &dest[colon + 1..];
        return match (scheme.as_str(), rest.strip_prefix("//")) {
            ("http" | "https", Some(rest)) => check_url(dest, rest, WHAT),
            _ => Some(format!("`{dest}` is not an image: {WHAT}")),
        };
    }
    let (path, _) = split_suffix(dest);
    let path = percent_decode(path);
    let lower = path.to_ascii_lowercase();
    if lower.is_empty()
        || lower.ends_with('/')
        || [".md", ".html", ".htm", ".xml", ".json"]
            .iter()
            .any(|ext| lower.ends_with(ext))
    {
        return Some(format!("`{dest}` is a page, not an image: {WHAT}"));
    }
    None
}

/// `rest` is what follows `//` in the URL `dest`: a host (a name, an IPv4
/// address or a bracketed IPv6 address), an optional port, and a path.
fn check_url(dest: &str, rest: &str, what: &str) -> Option<String> {
    let bad = |why: &str| Some(format!("`{dest}` is not a URL that works ({why}): {what}"));
    if dest.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return bad("it has a space or a control character");
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let (host, port) = if let Some(inner) = host_port.strip_prefix('[') {
        let Some((address, after)) = inner.split_once(']') else {
            return bad("its `[` is never closed");
        };
        if address.parse::<Ipv6Addr>().is_err() {
            return bad("the address in brackets is not an IPv6 address");
        }
        match after {
            "" => (address, None),
            _ => match after.strip_prefix(':') {
                Some(port) => (address, Some(port)),
                None => return bad("something follows the `]` that is not a port"),
            },
        }
    } else {
        match host_port.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (host_port, None),
        }
    };
    if host.is_empty() {
        return bad("it names no host");
    }
    if !host_port.starts_with('[')
        && !host
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '_' | '%'))
    {
        return bad("its host has characters a host name cannot have");
    }
    if let Some(port) = port
        && !port.is_empty()
        && port.parse::<u16>().is_err()
    {
        return bad("its port is not a number up to 65535");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_files_or_urls_that_parse() {
        for ok in [
            "foto.jpg",
            "../news/foto%20a.jpg",
            "/images/logo.png",
            "https://example.org/a.jpg",
            "HTTP://[::1]:8080/a.png",
            "//cdn.example.org/a.png",
        ] {
            assert_eq!(not_an_image(ok), None, "{ok}");
        }
        for bad in [
            "2026-12-01-selamat-datang.en.md",
            "x.en.md#top",
            "/en/news/selamat-datang/",
            "/",
            "#top",
            "file:///etc/passwd",
            "http://[::1",
            "http://",
            "https://exa mple.org/a.jpg",
            "https://example.org:99999/a.jpg",
            "mailto:a@b.c",
            "http:foto.jpg",
        ] {
            assert!(not_an_image(bad).is_some(), "{bad}");
        }
    }
}
