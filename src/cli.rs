//! Command-line arguments and output: the only place that prints
//! diagnostics. Exit status: 0 success (warnings allowed), 1 the site has
//! errors, 2 the command line is wrong.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::build::{BuildOptions, BuildReport, build};
use crate::check::{CheckOptions, check};
use crate::diagnostics::Diagnostic;
use crate::shown::ShownFrom;
use crate::workflow;

#[derive(Debug, Parser)]
#[command(
    name = "warta",
    version,
    about = "Bilingual program publications: Markdown in Indonesian and English, one linked website"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The site folder, taken by every command.
#[derive(Debug, clap::Args)]
struct SiteArg {
    /// The site folder (holding site.yaml)
    #[arg(long, default_value = ".", value_name = "DIR")]
    site: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into public/ (or --output), replacing it only when the whole build succeeds
    Build(BuildArgs),
    /// Report every problem a build would hit, and missing or stale translations, without writing
    Check {
        #[command(flatten)]
        site: SiteArg,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Treat missing and stale translations as errors
        #[arg(long)]
        strict: bool,
    },
    /// Translation status per language: translated, missing and stale pages
    Status {
        #[command(flatten)]
        site: SiteArg,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Start the translation of a page, or --refresh a translation's record of its source
    Translate {
        #[command(flatten)]
        site: SiteArg,
        /// The content file (e.g. content/news/x.id.md)
        file: PathBuf,
        /// The language to translate into
        #[arg(long, required_unless_present = "refresh", conflicts_with = "refresh")]
        to: Option<String>,
        /// Name the new file <SLUG>.<lang>.md and pair the two with translation_key
        #[arg(long, conflicts_with = "refresh")]
        slug: Option<String>,
        /// The translation is up to date again: record the source's current hash
        #[arg(long)]
        refresh: bool,
    },
    /// Create a content file with its front matter filled in
    New {
        #[command(flatten)]
        site: SiteArg,
        /// news, programs, directorates, events or pages
        section: String,
        /// The title
        title: String,
        /// The language [default: the site's default language]
        #[arg(long)]
        lang: Option<String>,
    },
    /// Turn plain-text press releases into Markdown news items
    Import {
        #[command(flatten)]
        site: SiteArg,
        /// The .txt files
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The section to write into
        #[arg(long, default_value = "news")]
        section: String,
        /// The language of the releases, or auto to detect it from each text
        #[arg(long, default_value = "auto")]
        lang: String,
        /// text: the written paths (a summary table for several files) and
        /// notes on stderr; json: one record per release, notes included
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Build, serve on this machine, and rebuild and reload the browser when a file changes
    #[cfg(feature = "serve")]
    Serve {
        #[command(flatten)]
        site: SiteArg,
        /// The address to listen on; 0.0.0.0 makes the site reachable from other machines
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// The port (0 picks a free one)
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Include pages marked `draft: true`
        #[arg(long)]
        drafts: bool,
        /// Do not build the search index (on large sites it takes a while
        /// after every change)
        #[arg(long)]
        no_search: bool,
    },
    /// Create a new site that builds
    Init {
        #[command(flatten)]
        site: SiteArg,
        /// The folder of the new site (relative to --site)
        dir: PathBuf,
    },
}

#[derive(Debug, clap::Args)]
struct BuildArgs {
    #[command(flatten)]
    site: SiteArg,
    /// Where to write the site [default: <site>/public]
    #[arg(long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Publish under this URL instead of site.yaml's base_url
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Include pages marked `draft: true`
    #[arg(long)]
    drafts: bool,
    /// Do not build the search index
    #[arg(long)]
    no_search: bool,
    /// Print errors only
    #[arg(long, short)]
    quiet: bool,
    /// Print how long each stage of the build took
    #[arg(long)]
    timings: bool,
    /// Replace the output folder even when it holds files warta did not write
    #[arg(long)]
    force: bool,
    /// Keep the cache in DIR [default: <site>/.warta-cache]
    #[arg(long, value_name = "DIR", conflicts_with = "no_cache")]
    cache: Option<PathBuf>,
    /// Neither read nor write the cache: render everything
    #[arg(long)]
    no_cache: bool,
}

/// Runs the command line and returns the exit status.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // Help and version are not errors; clap picks the status.
            let _ = error.print();
            return ExitCode::from(error.exit_code().clamp(0, 255) as u8);
        }
    };
    match cli.command {
        Command::Build(args) => run_build(args),
        Command::Check {
            site,
            format,
            strict,
        } => run_check(&site.site, format, strict),
        Command::Status { site, format } => run_status(&site.site, format),
        Command::Translate {
            site,
            file,
            to,
            slug,
            refresh,
        } => run_translate(&site.site, &file, to.as_deref(), slug.as_deref(), refresh),
        Command::New {
            site,
            section,
            title,
            lang,
        } => finish_one(
            workflow::new::new_page(&site.site, &section, &title, lang.as_deref(), today()).map(
                |path| {
                    println!("{}", path.display());
                },
            ),
        ),
        Command::Import {
            site,
            files,
            section,
            lang,
            format,
        } => run_import(&site.site, &files, &section, &lang, format),
        #[cfg(feature = "serve")]
        Command::Serve {
            site,
            bind,
            port,
            drafts,
            no_search,
        } => run_serve(crate::serve::ServeOptions {
            site: site.site,
            bind,
            port,
            drafts,
            search: !no_search,
        }),
        Command::Init { site, dir } => {
            let dir = site.site.join(dir);
            finish_one(workflow::new::init(&dir, today()).map(|files| {
                for file in files {
                    println!("{}", dir.join(file).display());
                }
                println!(
                    "created a new site in {}; build it with `warta build --site {}`",
                    dir.display(),
                    dir.display()
                );
            }))
        }
    }
}

/// Today's date where warta runs, for new content.
fn today() -> jiff::civil::Date {
    jiff::Zoned::now().date()
}

fn run_build(args: BuildArgs) -> ExitCode {
    let cache_default = args.site.site.join(crate::layout::CACHE_DIR);
    let shown = ShownFrom::site(&args.site.site);
    let options = BuildOptions {
        site: args.site.site,
        output: args.output,
        base_url: args.base_url,
        drafts: args.drafts,
        search: !args.no_search,
        progress: !args.quiet,
        force: args.force,
        cache: if args.no_cache {
            None
        } else {
            Some(args.cache.unwrap_or_else(|| cache_default.clone()))
        },
        keep_records: false,
        in_place: true,
    };
    let report = build(&options);
    shown.print(&report.diagnostics, args.quiet);
    if !args.quiet {
        println!("{}", summary(&report));
    }
    if args.timings {
        for (stage, took) in &report.timings {
            eprintln!("{:>8.1} ms  {stage}", took.as_secs_f64() * 1000.0);
        }
        eprintln!(
            "{} outputs rendered, {} copied, {} reused from the cache",
            report.stats.rendered, report.stats.copied, report.stats.reused
        );
    }
    exit_for(&report.diagnostics)
}

#[cfg(feature = "serve")]
fn run_serve(options: crate::serve::ServeOptions) -> ExitCode {
    use crate::serve::ServeEvent;
    let shown = ShownFrom::site(&options.site);
    let report = |event: &ServeEvent| match event {
        ServeEvent::Serving { root, homes } => {
            println!("serving {root}");
            for home in homes {
                println!("  {home}");
            }
            println!("watching for changes; Ctrl-C stops");
        }
        ServeEvent::Rebuilt(rebuilt) => {
            shown.print(&rebuilt.warnings, false);
            println!(
                "{} {} file{} in {} ms",
                if rebuilt.full { "built" } else { "rebuilt" },
                rebuilt.files,
                plural(rebuilt.files),
                rebuilt.elapsed.as_millis()
            );
        }
        ServeEvent::Indexed { work, elapsed } => {
            if work.indexed > 0 {
                println!(
                    "search index: {} of {} part{} indexed ({} page{}) in {} ms",
                    work.indexed,
                    work.indexed + work.reused,
                    plural(work.indexed + work.reused),
                    work.pages,
                    plural(work.pages),
                    elapsed.as_millis()
                );
            }
        }
        ServeEvent::Failed { problems, serving } => {
            shown.print(problems, false);
            if *serving {
                println!("the site has errors; still serving the last good build");
            } else {
                println!(
                    "the site has errors and no build succeeded yet; pages show the errors until it does"
                );
            }
        }
        ServeEvent::Stopped => println!("stopped"),
    };
    match crate::serve::run(options, &report) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(1)
        }
    }
}

fn run_check(site: &Path, format: Format, strict: bool) -> ExitCode {
    let diagnostics = check(site, &CheckOptions { strict });
    let shown = ShownFrom::site(site);
    match format {
        Format::Json => println!("{}", shown.json(&diagnostics)),
        Format::Text => {
            shown.print(&diagnostics, false);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            let warnings = diagnostics.len() - errors;
            println!(
                "{errors} error{}, {warnings} warning{}",
                plural(errors),
                plural(warnings)
            );
        }
    }
    exit_for(&diagnostics)
}

fn run_status(site: &Path, format: Format) -> ExitCode {
    let shown = ShownFrom::site(site);
    let (report, errors) = match workflow::status::report(site) {
        Ok(report) => report,
        Err(problems) => {
            shown.print(&problems, false);
            return ExitCode::from(1);
        }
    };
    match format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_else(|_| "[]".into())
        ),
        Format::Text => print!("{}", workflow::status::table(&report)),
    }
    // Files that could not be read are in no count: say so, and fail;
    // with JSON, as JSON on standard error, which a tool reads beside the
    // report.
    match format {
        Format::Json if !errors.is_empty() => eprintln!("{}", shown.json(&errors)),
        Format::Json => {}
        Format::Text => shown.print(&errors, false),
    }
    if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        if format == Format::Text {
            eprintln!(
                "{} error{}: the files named are left out of the counts above until they are fixed",
                errors.len(),
                plural(errors.len())
            );
        }
        ExitCode::from(1)
    }
}

fn run_translate(
    site: &Path,
    file: &Path,
    to: Option<&str>,
    slug: Option<&str>,
    refresh: bool,
) -> ExitCode {
    let result = if refresh {
        workflow::translate::refresh(site, file)
            .map(|path| println!("refreshed {}", path.display()))
    } else {
        let to = to.unwrap_or_default();
        workflow::translate::translate(site, file, to, slug)
            .map(|path| println!("{}", path.display()))
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(problems) => {
            ShownFrom::default().print(&problems, false);
            ExitCode::from(1)
        }
    }
}

fn run_import(
    site: &Path,
    files: &[PathBuf],
    section: &str,
    lang: &str,
    format: Format,
) -> ExitCode {
    let lang = (lang != "auto").then_some(lang);
    let report = workflow::import_files::import_files(site, files, section, lang);
    let problems: Vec<Diagnostic> = report.diagnostics().cloned().collect();
    if !report.refused.is_empty() {
        ShownFrom::default().print(&report.refused, false);
        return ExitCode::from(1);
    }
    match format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&report.files).unwrap_or_else(|_| "[]".into())
        ),
        Format::Text => {
            ShownFrom::default().print(&problems, false);
            // One release: its path alone, for scripts; several: a table
            // that shows which ones need a hand.
            if let [file] = report.files.as_slice() {
                if let Some(path) = &file.written {
                    println!("{path}");
                }
            } else {
                print!("{}", workflow::import_files::summary_table(&report.files));
            }
        }
    }
    exit_for(&problems)
}

fn finish_one(result: Result<(), Diagnostic>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => {
            ShownFrom::default().print(&[problem], false);
            ExitCode::from(1)
        }
    }
}

fn exit_for(diagnostics: &[Diagnostic]) -> ExitCode {
    if diagnostics.iter().any(Diagnostic::is_error) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The one summary line of a build.
fn summary(report: &BuildReport) -> String {
    let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = report.diagnostics.len() - errors;
    let per_language: Vec<String> = report
        .languages
        .iter()
        .zip(&report.stats.pages_per_language)
        .map(|(code, n)| format!("{code} {n}"))
        .collect();
    let seconds = report.elapsed.as_secs_f64();
    let search = match report.search {
        Some((work, _)) if work.indexed == 0 => ", search index unchanged".to_string(),
        Some((work, time)) => format!(
            ", {} indexed for search in {:.2} s ({} of {} parts)",
            work.pages,
            time.as_secs_f64(),
            work.indexed,
            work.indexed + work.reused
        ),
        None => String::new(),
    };
    if report.written {
        format!(
            "built {} pages ({}{search}) with {warnings} warning{} in {seconds:.2} s into {}",
            report.stats.pages_per_language.iter().sum::<usize>(),
            per_language.join(", "),
            plural(warnings),
            report.output.display()
        )
    } else {
        let output = report.output.display();
        let fate = match &report.displaced {
            Some(previous) => format!(
                "the previous output of {output} is at {}",
                previous.display()
            ),
            None if report.output.exists() => format!("{output} was left as it was"),
            None => format!("nothing was written to {output}"),
        };
        format!(
            "build failed: {errors} error{}, {warnings} warning{} in {seconds:.2} s; {fate}",
            plural(errors),
            plural(warnings),
        )
    }
}
