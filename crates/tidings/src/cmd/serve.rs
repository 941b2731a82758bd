//! `tidings serve`: the store's JSON API and web page over HTTP, read-only.

use anyhow::Context;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use tidings_serve::Server;
use tidings_store::Store;

#[derive(clap::Args)]
pub struct Args {
    /// The store to serve (an SQLite file written by `tidings ingest`); opened read-only.
    #[arg(long, value_name = "PATH")]
    pub db: PathBuf,
    /// Address to listen on; port 0 picks a free port (the address is printed on stderr).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    // A missing file would otherwise be reported by SQLite as "unable to open database file".
    if !args.db.is_file() {
        anyhow::bail!(
            "{}: no such store (create one with `tidings ingest INPUT --db {}`)",
            args.db.display(),
            args.db.display()
        );
    }
    let store = Store::open_read_only(&args.db)
        .with_context(|| format!("opening {} read-only", args.db.display()))?;
    let server = Server::bind(args.addr)?;
    // One line a script can wait for (the e2e test does) before it sends requests.
    eprintln!(
        "tidings serve: {} on http://{}/ (Ctrl-C stops)",
        args.db.display(),
        server.local_addr()
    );
    server.run(store)?;
    Ok(ExitCode::SUCCESS)
}
