//! Command-line arguments and output: the only place that prints
//! diagnostics. Exit status: 0 success (warnings allowed), 1 the site has
//! errors, 2 the command line is wrong.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::build::{BuildOptions, BuildReport, build};
use crate::diagnostics::{Diagnostic, Severity};

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

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into public/ (or --output), replacing it only when the whole build succeeds
    Build(BuildArgs),
}

#[derive(Debug, clap::Args)]
struct BuildArgs {
    /// The site folder (holding site.yaml)
    #[arg(long, default_value = ".", value_name = "DIR")]
    site: PathBuf,
    /// Where to write the site [default: <site>/public]
    #[arg(long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Publish under this URL instead of site.yaml's base_url
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Include pages marked `draft: true`
    #[arg(long)]
    drafts: bool,
    /// Print errors only
    #[arg(long, short)]
    quiet: bool,
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
    }
}

fn run_build(args: BuildArgs) -> ExitCode {
    let options = BuildOptions {
        site: args.site,
        output: args.output,
        base_url: args.base_url,
        drafts: args.drafts,
    };
    let report = build(&options);
    print_diagnostics(&report.diagnostics, args.quiet);
    if !args.quiet {
        println!("{}", summary(&report));
    }
    if report.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `error: path:line:col: message` on stderr, one per line.
fn print_diagnostics(diagnostics: &[Diagnostic], quiet: bool) {
    let stderr = std::io::stderr();
    let mut out = stderr.lock();
    for diagnostic in diagnostics {
        if quiet && diagnostic.severity == Severity::Warning {
            continue;
        }
        let _ = writeln!(out, "{diagnostic}");
    }
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
    if report.written {
        format!(
            "built {} pages ({}) with {warnings} warning{} in {seconds:.2} s into {}",
            report.stats.pages_per_language.iter().sum::<usize>(),
            per_language.join(", "),
            if warnings == 1 { "" } else { "s" },
            report.output.display()
        )
    } else {
        format!(
            "build failed: {errors} error{}, {warnings} warning{} in {seconds:.2} s; {} was left as it was",
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" },
            report.output.display()
        )
    }
}
