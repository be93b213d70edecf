//! `warta serve`: builds the site into a private folder, serves it over
//! HTTP on loopback, watches the site's files and rebuilds what a change
//! touches, and tells every open page to reload (or shows the build error
//! over it) through server-sent events.

mod changes;
mod http;
mod session;

pub use changes::ChangeSet;
pub use session::{Rebuilt, Session};

use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::RecursiveMode;
use tokio::sync::watch;

use crate::build::BuildOptions;
use crate::diagnostics::Diagnostic;
use http::{ErrorView, Status};

/// What `warta serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub site: PathBuf,
    pub bind: String,
    pub port: u16,
    pub drafts: bool,
    /// Index the site for search after each build.
    pub search: bool,
}

/// Why `serve` could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {address}: {source}{hint}")]
    Listen {
        address: String,
        source: std::io::Error,
        hint: &'static str,
    },
    #[error("cannot create a folder for the built site: {0}")]
    Output(std::io::Error),
    #[error("cannot watch the site for changes: {0}")]
    Watch(#[from] notify::Error),
    #[error("cannot start the web server: {0}")]
    Runtime(std::io::Error),
    #[error("{0}: there is no such folder; give the site's folder with --site")]
    NoSite(String),
}

/// Runs `serve` until Ctrl-C. `report` prints what happens.
pub fn run(options: ServeOptions, report: &(dyn Fn(&ServeEvent) + Sync)) -> Result<(), ServeError> {
    // The watcher's own word for this is "No path was found".
    if !options.site.is_dir() {
        return Err(ServeError::NoSite(options.site.display().to_string()));
    }
    let address = format!("{}:{}", options.bind, options.port);
    let listener = TcpListener::bind(&address).map_err(|source| ServeError::Listen {
        hint: if source.kind() == std::io::ErrorKind::AddrInUse {
            " (another program uses this port: choose another with --port)"
        } else {
            ""
        },
        address: address.clone(),
        source,
    })?;
    let local: SocketAddr = listener.local_addr().map_err(ServeError::Runtime)?;
    listener
        .set_nonblocking(true)
        .map_err(ServeError::Runtime)?;

    // The site is built into a private folder, so that `serve` never
    // touches public/ and its URLs point at this server.
    let folder = tempfile::Builder::new()
        .prefix("warta-serve-")
        .tempdir()
        .map_err(ServeError::Output)?;
    let host = if local.ip().is_unspecified() {
        "127.0.0.1".to_string()
    } else {
        local.ip().to_string()
    };
    let host = if host.contains(':') {
        format!("[{host}]")
    } else {
        host
    };
    let base_url = format!("http://{host}:{}/", local.port());
    let build_options = BuildOptions {
        site: options.site.clone(),
        output: Some(folder.path().join("site")),
        base_url: Some(base_url.clone()),
        drafts: options.drafts,
        search: options.search,
        progress: false,
        force: false,
        // serve builds for its own address into its own folder: a
        // cache of `warta build` would not match. A cache of its own
        // spares a full rebuild (a template or a photo changed) what did
        // not change, photo versions and search parts above all.
        cache: Some(folder.path().join("cache")),
        keep_records: true,
        in_place: false,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(ServeError::Runtime)?;
    // Listen for Ctrl-C before anything else, so that an early one stops
    // the server cleanly instead of killing it.
    let interrupted = runtime
        .block_on(async { Interrupt::listen() })
        .map_err(ServeError::Runtime)?;

    let mut session = Session::new(build_options);
    let (status_tx, status_rx) = watch::channel(Status::default());
    let first = session.full();
    publish(&status_tx, &first, report, 0);

    // File events arrive on a channel; the debouncer turns the several
    // events of one save into one batch.
    let (events_tx, events_rx) = mpsc::channel();
    let mut debouncer =
        notify_debouncer_full::new_debouncer(Duration::from_millis(40), None, events_tx)?;
    debouncer.watch(&options.site, RecursiveMode::Recursive)?;
    let site = options
        .site
        .canonicalize()
        .unwrap_or_else(|_| options.site.clone());
    let output_dir = session.output();

    let site = &site;
    let languages = languages_of(&options.site);
    report(&ServeEvent::Serving {
        homes: languages
            .iter()
            .map(|l| format!("{base_url}{l}/"))
            .collect(),
        root: base_url.clone(),
    });
    std::thread::scope(|scope| -> Result<(), ServeError> {
        scope.spawn(move || {
            let mut generation = 0;
            while let Ok(batch) = events_rx.recv() {
                let mut changes = ChangeSet::default();
                collect(&mut changes, site, batch);
                // Events that arrived meanwhile belong to the same rebuild.
                while let Ok(more) = events_rx.try_recv() {
                    collect(&mut changes, site, more);
                }
                if changes.is_empty() {
                    continue;
                }
                generation += 1;
                let result = session.apply(&changes);
                publish(&status_tx, &result, report, generation);
                // A full build indexes as it builds; an incremental one
                // leaves the index to now, after the reload went out.
                if options.search && matches!(&result, Ok(rebuilt) if !rebuilt.full) {
                    let started = Instant::now();
                    match session.reindex() {
                        Ok(work) => report(&ServeEvent::Indexed {
                            work,
                            elapsed: started.elapsed(),
                        }),
                        Err(message) => report(&ServeEvent::Failed {
                            problems: vec![Diagnostic::error(
                                "search.index",
                                crate::layout::SEARCH_DIR,
                                message,
                            )],
                            serving: true,
                        }),
                    }
                }
            }
        });
        let served = runtime.block_on(async {
            let listener = tokio::net::TcpListener::from_std(listener)?;
            let app = http::router(output_dir, status_rx);
            axum::serve(listener, app)
                .with_graceful_shutdown(interrupted.wait())
                .await
        });
        report(&ServeEvent::Stopped);
        // Stop watching: the rebuild thread ends when the channel closes.
        drop(debouncer);
        served.map_err(ServeError::Runtime)
    })
}

/// What `serve` tells the person running it.
#[derive(Debug)]
pub enum ServeEvent {
    Serving {
        root: String,
        homes: Vec<String>,
    },
    Rebuilt(Rebuilt),
    /// The search index was brought up to date after a rebuild.
    Indexed {
        work: crate::build::SearchWork,
        elapsed: Duration,
    },
    /// `serving`: a good build is served meanwhile (else only a page that
    /// shows the errors).
    Failed {
        problems: Vec<Diagnostic>,
        serving: bool,
    },
    Stopped,
}

fn collect(
    changes: &mut ChangeSet,
    site: &std::path::Path,
    batch: notify_debouncer_full::DebounceEventResult,
) {
    use notify::EventKind;
    use notify::event::ModifyKind;
    if let Ok(events) = batch {
        for event in events {
            // Reading files (as every build does) is not a change.
            if matches!(
                event.kind,
                EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_))
            ) {
                continue;
            }
            for path in &event.paths {
                changes.add(site, path);
            }
        }
    }
}

fn publish(
    status: &watch::Sender<Status>,
    result: &Result<Rebuilt, Vec<Diagnostic>>,
    report: &(dyn Fn(&ServeEvent) + Sync),
    generation: u64,
) {
    // Once a build succeeded, its output stays served whatever follows.
    let built = status.borrow().built || result.is_ok();
    let errors = match result {
        Ok(rebuilt) => {
            report(&ServeEvent::Rebuilt(rebuilt.clone()));
            Vec::new()
        }
        Err(problems) => {
            report(&ServeEvent::Failed {
                problems: problems.clone(),
                serving: built,
            });
            problems
                .iter()
                .filter(|d| d.is_error())
                .map(|d| ErrorView {
                    path: d.path.clone(),
                    line: d.line,
                    column: d.column,
                    message: d.message.clone(),
                })
                .collect()
        }
    };
    let _ = status.send(Status {
        generation,
        errors,
        built,
    });
}

/// The site's language codes for the URLs printed at start, if site.yaml
/// can be read.
fn languages_of(site: &std::path::Path) -> Vec<String> {
    crate::config::SiteConfig::load(site, None)
        .map(|c| c.languages)
        .unwrap_or_default()
}

/// Ctrl-C (SIGINT), or SIGTERM on Unix, registered as soon as it is made.
struct Interrupt {
    #[cfg(unix)]
    signals: (tokio::signal::unix::Signal, tokio::signal::unix::Signal),
}

impl Interrupt {
    fn listen() -> std::io::Result<Interrupt> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Ok(Interrupt {
                signals: (
                    signal(SignalKind::interrupt())?,
                    signal(SignalKind::terminate())?,
                ),
            })
        }
        #[cfg(not(unix))]
        Ok(Interrupt {})
    }

    async fn wait(mut self) {
        #[cfg(unix)]
        {
            let (interrupt, terminate) = &mut self.signals;
            tokio::select! {
                _ = interrupt.recv() => {}
                _ = terminate.recv() => {}
            }
        }
        #[cfg(not(unix))]
        {
            let _ = &mut self;
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}
