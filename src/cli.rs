//! The headless command line (design.md): `catalog`, `stack`, `report`, `validate`.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// Command-line arguments.
#[derive(Debug, Parser)]
#[command(name = "srm-planner", version, about = "See who secures what in an AWS architecture (AWS Shared Responsibility Model).")]
pub struct Cli {
    /// A project file to open in the app (no subcommand).
    pub file: Option<PathBuf>,
    /// Open the project in a window, save a PNG screenshot to this path and exit.
    #[arg(long, value_name = "OUT.png")]
    pub screenshot: Option<PathBuf>,
    /// Extra catalog file(s) adding or overriding services (repeatable).
    #[arg(long = "catalog", value_name = "FILE", global = true)]
    pub catalogs: Vec<PathBuf>,
    /// A headless command; none opens the app.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Headless commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every service: id, name, category, variants.
    Catalog {
        /// Output format.
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
        /// Check the catalog (built-in plus --catalog files) against the catalog rules.
        #[arg(long)]
        lint: bool,
    },
    /// One service's responsibility stack and its to-dos.
    Stack {
        /// Service id (e.g. `ec2`).
        service: String,
        /// Variant id (e.g. `fargate` for ecs).
        #[arg(long)]
        variant: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
    /// A project's stacks and consolidated checklist.
    Report {
        /// The project file (.ron).
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
        format: ReportFormat,
        /// Write to this file instead of standard output.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Check a project file: exit 0 when it loads cleanly, else list every problem and exit 1.
    Validate {
        /// The project file (.ron).
        file: PathBuf,
    },
}

/// `text` or `json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TextOrJson {
    /// Human-readable text.
    Text,
    /// JSON (schema in design.md).
    Json,
}

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Markdown checklist.
    Md,
    /// CSV, one row per item.
    Csv,
    /// Self-contained HTML report.
    Html,
    /// JSON (schema in design.md).
    Json,
}

/// Runs a headless command and returns the process exit code (0 ok, 1 bad input or failure).
pub fn run(cli: Cli) -> ExitCode {
    let _ = cli;
    ExitCode::from(1)
}
