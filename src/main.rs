//! The `srm-planner` binary: the GUI with no subcommand, else the headless CLI.

use clap::Parser;
use srm_planner::cli::{Cli, run};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(_) => run(cli),
        #[cfg(not(feature = "gui"))]
        None => {
            use clap::CommandFactory;
            let _ = Cli::command().print_help();
            ExitCode::SUCCESS
        }
        #[cfg(feature = "gui")]
        None => {
            let mut files = srm_planner::catalog::Catalog::user_dir_files();
            files.extend(cli.catalogs.iter().cloned());
            let (catalog, errors) = srm_planner::catalog::Catalog::with_user_files(&files);
            srm_planner::gui::run(cli.file, cli.screenshot, cli.findings, catalog, errors)
        }
    }
}
