//! `warta serve` as a user runs it: serve, edit, reload, break, fix, and
//! requests that try to leave the output folder.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::Site;

/// A running `warta serve`, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
    lines: mpsc::Receiver<String>,
    /// What serve printed before its address (the first build's report).
    early: Vec<String>,
}

impl Server {
    fn start(site: &Site, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_warta"))
            .args(["serve", "--port", "0", "--site"])
            .arg(site.path())
            .current_dir(site.path())
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start warta serve");
        let (tx, lines) = mpsc::channel();
        let stdout = child.stdout.take().expect("stdout");
        let stderr = child.stderr.take().expect("stderr");
        let tx2 = tx.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = tx2.send(line);
            }
        });
        let mut early = Vec::new();
        let first = loop {
            let line = lines
                .recv_timeout(Duration::from_secs(60))
                .expect("serve prints its address");
            if line.starts_with("serving ") {
                break line;
            }
            early.push(line);
        };
        let address = first
            .strip_prefix("serving http://127.0.0.1:")
            .expect(&first);
        let port = address.trim_end_matches('/').parse().expect("port");
        let server = Server {
            child,
            port,
            lines,
            early,
        };
        server.wait_for_line("watching for changes", Duration::from_secs(30));
        server
    }

    /// Waits for an output line containing `text`; returns it.
    fn wait_for_line(&self, text: &str, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) if line.contains(text) => return line,
                Ok(_) => continue,
                Err(_) => panic!("no line with {text:?} within {timeout:?}"),
            }
        }
    }

    /// `GET path` with the path sent as it is; returns status and body.
    fn get(&self, path: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").expect("request");
        let mut response = Vec::new();
        stream.read_to_end(&mut response).expect("response");
        let response = String::from_utf8_lossy(&response).into_owned();
        let status = response
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let body = response
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default();
        (status, body)
    }

    /// Opens the live-reload event stream.
    fn events(&self) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        write!(
            stream,
            "GET /__warta/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
        )
        .expect("request");
        stream
            .set_read_timeout(Some(Duration::from_millis(200)))
            .expect("timeout");
        Events {
            stream,
            seen: String::new(),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The server-sent events a page receives.
struct Events {
    stream: TcpStream,
    seen: String,
}

impl Events {
    /// Waits for reloads until `holds` is true after one of them. One
    /// save may reach serve as two rebuilds (the second from events that
    /// came while the first ran), each followed by a reload: the first
    /// reload may show a build from before the save had all arrived.
    fn reload_until(&mut self, timeout: Duration, what: &str, mut holds: impl FnMut() -> bool) {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(!left.is_zero(), "no reload within {timeout:?} where {what}");
            self.wait_for("reload", left);
            if holds() {
                return;
            }
        }
    }

    /// Waits for `event: <name>` and returns its data line.
    fn wait_for(&mut self, name: &str, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        let marker = format!("event: {name}\n");
        loop {
            if let Some(at) = self.seen.find(&marker) {
                let rest = self.seen[at + marker.len()..].to_string();
                if let Some(end) = rest.find('\n') {
                    let data = rest[..end].trim_start_matches("data: ").to_string();
                    self.seen = rest[end..].to_string();
                    return data;
                }
            }
            assert!(
                Instant::now() < deadline,
                "no {name} event within {timeout:?}; got {:?}",
                self.seen
            );
            let mut buffer = [0u8; 4096];
            match self.stream.read(&mut buffer) {
                Ok(0) => panic!("the event stream closed"),
                Ok(n) => self
                    .seen
                    .push_str(&String::from_utf8_lossy(&buffer[..n]).replace("\r\n", "\n")),
                Err(_) => {}
            }
        }
    }
}

const ITEM: &str = "content/news/2020-07-15-fgd.en.md";

#[test]
fn edit_reload_break_and_fix() {
    let site = Site::fixture("bilingual");
    let server = Server::start(&site, &[]);
    let (status, page) = server.get("/en/news/fgd/");
    assert_eq!(status, 200);
    assert!(page.contains("A focus group discussion"));
    assert!(
        page.contains(r#"<script src="/__warta/live.js"></script>"#),
        "serve adds the reload script"
    );
    assert!(!site.output().exists(), "serve does not write public/");

    let mut events = server.events();
    // Give the stream a moment to subscribe before the edit.
    std::thread::sleep(Duration::from_millis(300));
    let original = std::fs::read_to_string(site.path().join(ITEM)).unwrap();
    // The second paragraph: the summary (the first) stays as it was.
    site.write(
        ITEM,
        &original.replace("See the [photo]", "Look at the [photo]"),
    );
    events.reload_until(Duration::from_secs(20), "the page shows the edit", || {
        server.get("/en/news/fgd/").1.contains("Look at the")
    });
    let line = server.wait_for_line("rebuilt", Duration::from_secs(5));
    let files: usize = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    assert!(
        files <= 4,
        "a body edit re-renders the page and its feeds, not the site: {line}"
    );
    let (_, page) = server.get("/en/news/fgd/");
    assert!(page.contains("Look at the"), "{page}");

    // A broken file: the error reaches the page, the last good page stays.
    site.write(ITEM, "---\ntitle: \"unclosed\ndate: 2020-07-15\n---\n");
    let error = events.wait_for("error", Duration::from_secs(20));
    assert!(
        error.contains(ITEM) && error.contains("\"line\":2"),
        "{error}"
    );
    let (status, page) = server.get("/en/news/fgd/");
    assert_eq!(status, 200);
    assert!(page.contains("Look at the"));
    // A page opened now learns of the error at once.
    let mut late = server.events();
    assert!(
        late.wait_for("error", Duration::from_secs(5))
            .contains(ITEM)
    );

    site.write(ITEM, &original);
    events.reload_until(Duration::from_secs(20), "the page is back", || {
        server.get("/en/news/fgd/").1.contains("See the")
    });
}

// #16 point 12: a site broken from the start has no last good build:
// every page shows the errors, with the overlay, and reloads once fixed.
#[test]
fn a_site_broken_from_the_start_shows_its_errors_until_it_builds() {
    let site = Site::fixture("bilingual");
    let original = std::fs::read_to_string(site.path().join(ITEM)).unwrap();
    site.write(ITEM, "---\ntitle: \"unclosed\ndate: 2020-07-15\n---\n");
    let server = Server::start(&site, &["--no-search"]);
    let said = server.early.join("\n");
    assert!(!said.contains("last good build"), "{said}");
    assert!(said.contains("no build succeeded yet"), "{said}");
    for path in ["/", "/en/news/fgd/", "/no/such/page/"] {
        let (status, page) = server.get(path);
        assert_eq!(status, 503, "{path}");
        assert!(page.contains("The site has errors"), "{page}");
        assert!(page.contains(&format!("{ITEM}:2")), "{page}");
        assert!(
            page.contains(r#"<script src="/__warta/live.js"></script>"#),
            "{page}"
        );
    }
    let (status, script) = server.get("/__warta/live.js");
    assert_eq!(status, 200);
    assert!(script.contains("EventSource"));
    let mut events = server.events();
    let error = events.wait_for("error", Duration::from_secs(5));
    assert!(
        error.contains(ITEM) && error.contains("\"built\":false"),
        "{error}"
    );

    site.write(ITEM, &original);
    events.reload_until(Duration::from_secs(20), "the page is served", || {
        server.get("/en/news/fgd/").0 == 200
    });
    let (status, page) = server.get("/en/news/fgd/");
    assert_eq!(status, 200);
    assert!(page.contains("A focus group discussion"), "{page}");

    // Broken again: now the last good build stays, and serve says so.
    site.write(ITEM, "---\ntitle: \"unclosed\n---\n");
    let error = events.wait_for("error", Duration::from_secs(20));
    assert!(error.contains("\"built\":true"), "{error}");
    server.wait_for_line("still serving the last good build", Duration::from_secs(5));
    assert_eq!(server.get("/en/news/fgd/").0, 200);
}

#[test]
fn a_template_change_rebuilds_everything_and_a_new_page_appears() {
    let site = Site::fixture("bilingual");
    let server = Server::start(&site, &[]);
    let mut events = server.events();
    std::thread::sleep(Duration::from_millis(300));
    site.write(
        "content/news/2020-10-01-baru.id.md",
        "---\ntitle: Berita Baru\ndate: 2020-10-01\ndirectorate: dayasos\n---\n\nBaru.\n",
    );
    events.reload_until(Duration::from_secs(20), "the new page is served", || {
        server.get("/id/berita/baru/").0 == 200
    });
    let (status, page) = server.get("/id/berita/baru/");
    assert_eq!(status, 200);
    assert!(page.contains("Berita Baru"));
    let (_, list) = server.get("/id/berita/");
    assert!(
        list.contains("/id/berita/baru/"),
        "the list shows the new item"
    );

    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block main %}<p>override</p>{% endblock main %}",
    );
    events.reload_until(
        Duration::from_secs(20),
        "the page shows the template",
        || server.get("/id/tentang/").1.contains("<p>override</p>"),
    );
    server.wait_for_line("built", Duration::from_secs(5));

    // A removed page is gone from the site.
    site.remove("content/news/2020-10-01-baru.id.md");
    events.reload_until(Duration::from_secs(20), "the removed page is gone", || {
        server.get("/id/berita/baru/").0 == 404
    });
}

#[test]
fn requests_outside_the_output_folder_are_refused() {
    let site = Site::fixture("bilingual");
    let server = Server::start(&site, &[]);
    for path in [
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "//etc/passwd",
        "/etc/passwd",
        "/..%5c..%5cetc%5cpasswd",
        "/id/../../site.yaml",
    ] {
        let (status, body) = server.get(path);
        // `//x` is sent to `/x` on this server (see the test of `//id`).
        let redirected = status == 307 && path.starts_with("//");
        assert!(
            status == 404 || status == 400 || redirected,
            "{path}: {status}"
        );
        assert!(
            !body.contains("root:") && !body.contains("title: Warta Uji"),
            "{path} leaked a file"
        );
    }
    let (status, body) = server.get("/nowhere/");
    assert_eq!(status, 404);
    assert!(
        body.contains("Halaman tidak ditemukan"),
        "the site's 404 page"
    );
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let site = Site::fixture("bilingual");
    let run = site.run(&["serve", "--port", &port]);
    assert_eq!(run.status, 1);
    assert!(
        run.stderr.contains("in use") || run.stderr.contains("Address already in use"),
        "{}",
        run.stderr
    );
}

#[test]
fn ctrl_c_stops_cleanly() {
    let site = Site::fixture("bilingual");
    let mut server = Server::start(&site, &[]);
    let pid = server.child.id().to_string();
    let status = Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .expect("kill");
    assert!(status.success());
    server.wait_for_line("stopped", Duration::from_secs(10));
    let exit = server.child.wait().expect("exit");
    assert_eq!(exit.code(), Some(0));
}

/// One keep-alive connection: sends `GET path` and reads one response
/// (Content-Length or chunked); returns the status, or None when the
/// connection failed.
fn keep_alive_get(stream: &mut BufReader<TcpStream>, path: &str) -> Option<u16> {
    write!(
        stream.get_mut(),
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n"
    )
    .ok()?;
    let mut status_line = String::new();
    stream.read_line(&mut status_line).ok()?;
    let status = status_line.split(' ').nth(1)?.parse().ok()?;
    let mut length = None;
    let mut chunked = false;
    loop {
        let mut line = String::new();
        stream.read_line(&mut line).ok()?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':')?;
        match name.to_ascii_lowercase().as_str() {
            "content-length" => length = value.trim().parse::<usize>().ok(),
            "transfer-encoding" => chunked = value.contains("chunked"),
            _ => {}
        }
    }
    if chunked {
        loop {
            let mut size = String::new();
            stream.read_line(&mut size).ok()?;
            let size = usize::from_str_radix(size.trim(), 16).ok()?;
            let mut chunk = vec![0; size + 2];
            stream.read_exact(&mut chunk).ok()?;
            if size == 0 {
                break;
            }
        }
    } else {
        let mut body = vec![0; length?];
        stream.read_exact(&mut body).ok()?;
    }
    Some(status)
}

#[test]
fn twenty_thousand_requests_while_rebuilding_all_succeed() {
    const CONNECTIONS: usize = 50;
    const REQUESTS: usize = 400; // per connection: 20,000 in all
    let site = Site::fixture("bilingual");
    let server = Server::start(&site, &["--no-search"]);
    let port = server.port;
    // What each path must answer, whatever a rebuild is doing meanwhile.
    let paths: &[(&str, &[u16])] = &[
        ("/id/", &[200]),
        ("/en/", &[200]),
        ("/id/berita/fgd/", &[200]),
        ("/en/news/fgd/", &[200]),
        ("/warta.css", &[200]),
        ("/sitemap.xml", &[200]),
        ("/nowhere/", &[404]),
        ("/%2e%2e/site.yaml", &[400, 404]),
        ("/id/../../site.yaml", &[400, 404]),
    ];

    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let editor = {
        let done = done.clone();
        let file = site.path().join("content/news/2020-07-15-fgd.id.md");
        let original = std::fs::read_to_string(&file).expect("news item");
        std::thread::spawn(move || {
            let mut edits = 0;
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                edits += 1;
                std::fs::write(&file, format!("{original}\nSunting {edits}.\n")).expect("edit");
                std::thread::sleep(Duration::from_millis(150));
            }
            edits
        })
    };

    let clients: Vec<_> = (0..CONNECTIONS)
        .map(|c| {
            std::thread::spawn(move || {
                let connect = || {
                    let stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
                    stream
                        .set_read_timeout(Some(Duration::from_secs(30)))
                        .expect("timeout");
                    BufReader::new(stream)
                };
                let mut stream = connect();
                let mut failures = Vec::new();
                for r in 0..REQUESTS {
                    let (path, allowed) = paths[(c + r) % paths.len()];
                    match keep_alive_get(&mut stream, path) {
                        Some(status) if allowed.contains(&status) => {}
                        other => {
                            failures.push(format!("{path}: {other:?}"));
                            stream = connect();
                        }
                    }
                }
                failures
            })
        })
        .collect();
    let failures: Vec<String> = clients
        .into_iter()
        .flat_map(|c| c.join().expect("client thread"))
        .collect();
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    let edits = editor.join().expect("editor thread");
    assert!(
        failures.is_empty(),
        "{} of {} requests failed, first: {:?}",
        failures.len(),
        CONNECTIONS * REQUESTS,
        &failures[..failures.len().min(5)]
    );
    assert!(edits >= 2, "only {edits} edits happened during the load");
    server.wait_for_line("rebuilt", Duration::from_secs(30));
}

#[test]
fn moving_content_away_keeps_the_last_good_build() {
    let site = Site::fixture("bilingual");
    let server = Server::start(&site, &["--no-search"]);
    let mut events = server.events();
    std::thread::sleep(Duration::from_millis(300));
    std::fs::rename(site.path().join("content"), site.path().join("elsewhere")).unwrap();
    let error = events.wait_for("error", Duration::from_secs(20));
    assert!(error.contains("there is no content/ folder"), "{error}");
    let (status, page) = server.get("/en/news/fgd/");
    assert_eq!(status, 200, "the last good build is still served");
    assert!(page.contains("A focus group discussion"));

    std::fs::rename(site.path().join("elsewhere"), site.path().join("content")).unwrap();
    events.reload_until(Duration::from_secs(20), "the pages are back", || {
        server.get("/id/berita/fgd/").0 == 200
    });
}

#[test]
fn a_new_tag_on_a_translated_item_gives_term_pages_in_both_languages() {
    let site = Site::fixture("bilingual");
    let server = Server::start(&site, &["--no-search"]);
    let mut events = server.events();
    std::thread::sleep(Duration::from_millis(300));
    // The tag on the Indonesian version only: an English term page would
    // list nothing, and a build makes none.
    let item = "content/news/2020-07-15-fgd.id.md";
    let text = std::fs::read_to_string(site.path().join(item)).unwrap();
    site.write(item, &text.replacen("---\n", "---\ntags: [baru]\n", 1));
    events.reload_until(Duration::from_secs(20), "the term page is served", || {
        server.get("/id/topik/baru/").0 == 200
    });
    let (status, page) = server.get("/id/topik/baru/");
    assert_eq!(status, 200);
    assert!(!page.contains(r#"rel="alternate" hreflang="en""#), "{page}");
    assert_eq!(server.get("/en/topics/baru/").0, 404);
    // Then on the English version too: the English term page comes, and
    // the Indonesian one links it.
    let item = "content/news/2020-07-15-fgd.en.md";
    let text = std::fs::read_to_string(site.path().join(item)).unwrap();
    site.write(item, &text.replacen("---\n", "---\ntags: [baru]\n", 1));
    events.reload_until(
        Duration::from_secs(20),
        "the English term page is served",
        || server.get("/en/topics/baru/").0 == 200,
    );
    let (status, page) = server.get("/en/topics/baru/");
    assert_eq!(status, 200, "the other language's new term page exists");
    assert!(page.contains("hreflang=\"id\""), "{page}");
    let (_, page) = server.get("/id/topik/baru/");
    assert!(page.contains(r#"rel="alternate" hreflang="en""#), "{page}");

    // A directorate that disappears takes its feed with it.
    let (status, _) = server.get("/id/direktorat/rehsos/atom.xml");
    assert_eq!(status, 200);
    for file in [
        "content/news/2020-09-12-atensi.id.md",
        "content/news/2020-09-12-atensi-lks-muhammadiyah.en.md",
    ] {
        let text = std::fs::read_to_string(site.path().join(file)).unwrap();
        site.write(
            file,
            &text.replace("directorate: rehsos", "directorate: dayasos"),
        );
    }
    // The two saves may reach serve as one rebuild or two.
    events.reload_until(
        Duration::from_secs(20),
        "the feed of the gone directorate is gone",
        || server.get("/id/direktorat/rehsos/atom.xml").0 == 404,
    );
}

#[test]
fn overlong_names_are_missing_pages_and_double_slashes_stay_on_this_host() {
    let site = Site::fixture("bilingual");
    let server = Server::start(&site, &["--no-search"]);
    let long = format!("/id/{}/", "a".repeat(300));
    let (status, body) = server.get(&long);
    assert_eq!(status, 404, "{body}");
    let encoded = format!("/id/{}/", "%61".repeat(200));
    assert_eq!(server.get(&encoded).0, 404);
    // Short names, but a path longer than any file's.
    let deep = format!("/id/{}", "a/".repeat(2100));
    assert_eq!(server.get(&deep).0, 404);

    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
    write!(stream, "GET //id HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").expect("request");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("response");
    let location = response
        .lines()
        .find_map(|l| {
            l.strip_prefix("location: ")
                .or_else(|| l.strip_prefix("Location: "))
        })
        .unwrap_or_else(|| panic!("no redirect: {response}"));
    assert_eq!(location.trim(), "/id", "{response}");
}
