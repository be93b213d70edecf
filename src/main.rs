//! The `warta` command: parses arguments and hands over to the library.

fn main() -> std::process::ExitCode {
    warta::cli::main()
}
