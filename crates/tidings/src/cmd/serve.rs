//! `tidings serve`: the store's JSON API and web page over HTTP, read-only.

use anyhow::Context;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;
use tidings_serve::{Options, Remote, Server};

#[derive(clap::Args)]
pub struct Args {
    /// The store to serve (an SQLite file written by `tidings ingest`); opened read-only.
    #[arg(long, value_name = "PATH")]
    pub db: PathBuf,
    /// Address to listen on; port 0 picks a free port (the address is printed on stderr).
    /// Only loopback addresses unless --allow-remote.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Allow a non-loopback --addr (e.g. 0.0.0.0:8080): other machines can then read the store.
    #[arg(long)]
    pub allow_remote: bool,
    /// Let pages from this origin (https://host[:port], or *) read the API; no CORS by default.
    #[arg(long, value_name = "ORIGIN")]
    pub cors: Option<String>,
    /// Read-only connections, i.e. queries answered at once (default: 2 per core, at least 4).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=256))]
    pub readers: Option<u64>,
    /// Seconds a request may take; a slower query is stopped and answered with a 503.
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    pub timeout: f64,
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
    if !(args.timeout.is_finite() && args.timeout > 0.0 && args.timeout <= 3600.0) {
        anyhow::bail!("--timeout: expected seconds in (0, 3600], got {}", args.timeout);
    }
    let options = Options {
        readers: args
            .readers
            .map_or_else(Options::default_readers, |n| n as usize),
        deadline: Duration::from_secs_f64(args.timeout),
        cors: args.cors.clone(),
        ..Options::default()
    };
    // A bad --cors is reported before anything is bound or printed.
    options.check()?;
    let readers = tidings_serve::open_readers(&args.db, options.readers)
        .with_context(|| format!("opening {} read-only", args.db.display()))?;
    let remote = if args.allow_remote {
        Remote::Allow
    } else {
        Remote::Refuse
    };
    let server = Server::bind(args.addr, remote)?;
    if !server.local_addr().ip().is_loopback() {
        eprintln!(
            "tidings serve: warning: listening on {}, which other machines can reach: anyone \
             who can connect can read the whole store (there is no authentication)",
            server.local_addr()
        );
    }
    // One line a script can wait for (the e2e test does) before it sends requests.
    eprintln!(
        "tidings serve: {} on http://{}/ (Ctrl-C stops)",
        args.db.display(),
        server.local_addr()
    );
    server.run(readers, &options)?;
    Ok(ExitCode::SUCCESS)
}
