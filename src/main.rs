//! The `warta` command: parses arguments and hands over to the library.

#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    warta::cli::main()
}
