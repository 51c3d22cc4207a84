//! The `srm-planner` binary: the GUI with no subcommand, else the headless CLI.

use clap::Parser;
use srm_planner::cli::{Cli, run};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(_) => run(cli),
        None => {
            // Until the GUI lands, no subcommand prints help.
            use clap::CommandFactory;
            let _ = Cli::command().print_help();
            ExitCode::SUCCESS
        }
    }
}
