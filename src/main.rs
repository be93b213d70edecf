//! The `warta` command: parses arguments and hands over to the library.

#![forbid(unsafe_code)]

// mimalloc instead of the system allocator: glibc grows each thread's
// arena a page run at a time (one mprotect call per few files read), and
// a build allocates and frees millions of small strings.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    warta::cli::main()
}
