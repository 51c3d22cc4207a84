//! The headless command line (design.md): `catalog`, `stack`, `report`, `diagram`, `import`,
//! `validate`.

use crate::catalog::{Catalog, lint};
use crate::error::LoadError;
use crate::export::diagram::{self, DiagramFormat};
use crate::export::{self, stack_json};
use crate::project::{Project, Severity, check, load_file, write_atomic};
use crate::text::{Lines, sanitize};
use crate::vocab::Layer;
use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Command-line arguments.
#[derive(Debug, Parser)]
#[command(
    name = "srm-planner",
    version,
    about = "See who secures what in an AWS architecture (AWS Shared Responsibility Model)."
)]
pub struct Cli {
    /// A project file to open in the app (no subcommand).
    pub file: Option<PathBuf>,
    /// Open the project in a window, save a PNG screenshot to this path and exit.
    #[arg(long, value_name = "OUT.png")]
    pub screenshot: Option<PathBuf>,
    /// Scanner findings to load into the app with the project (repeatable; as File → Load
    /// findings…).
    #[arg(long = "findings", value_name = "F")]
    pub findings: Vec<PathBuf>,
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
        /// List the compliance programmes (with their in-scope service lists and dates) and
        /// the framework versions requirements refer to, instead of the services.
        #[arg(long, conflicts_with = "lint")]
        frameworks: bool,
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
        #[arg(long, value_enum, default_value_t = export::Format::Md)]
        format: export::Format,
        /// Write to this file instead of standard output.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Scanner findings to match to the checklist (Checkov JSON, Prowler JSON-OCSF or
        /// Security Hub ASFF, detected from the content); repeatable.
        #[arg(long = "findings", value_name = "F")]
        findings: Vec<PathBuf>,
        /// Exit 1 (after writing the report) when an item of this priority or above has a
        /// failing resource in the findings.
        #[arg(long = "fail-on", value_enum, requires = "findings")]
        fail_on: Option<FailOn>,
        /// Report for one framework version (`nist-800-53-r5`, `pci-dss-4.0.1`, `cis-aws-5.0.0`,
        /// `cis-aws-3.0.0`, `iso-27001-2022`, or a programme id such as `pci-dss`): only the
        /// items that address it, each requirement with its items and components, and the
        /// requirements the design does not address.
        #[arg(long, value_name = "ID")]
        framework: Option<String>,
    },
    /// Draw a project's architecture (boundaries, components with their layer strips,
    /// connections, a legend) as SVG, PNG or a draw.io file, chosen by the extension of -o.
    Diagram {
        /// The project file (.ron).
        file: PathBuf,
        /// Where to write it: OUT.svg, OUT.png or OUT.drawio.
        #[arg(short, long, value_name = "OUT", value_parser = diagram_output)]
        output: PathBuf,
        /// Highlight one layer (a layer id such as `guest-os`): its cell outlined and its owner
        /// named on every node; nodes where AWS owns it are faded.
        #[arg(long, value_name = "LAYER")]
        lens: Option<Layer>,
    },
    /// Import infrastructure code: CloudFormation templates (JSON or YAML, SAM included) and
    /// `terraform show -json` output of a plan or a state, detected from the content. Prints a
    /// summary of what became of every resource; -o writes a new project, --into merges into an
    /// existing one (matching components by `source`: positions, labels, notes and to-do state
    /// are kept), written back to it unless -o is given.
    Import {
        /// The files to import (one project from all of them).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Write the new project here (.ron).
        #[arg(short, long, value_name = "OUT.ron")]
        output: Option<PathBuf>,
        /// Merge into this project (saved back to it, with a .bak, unless -o is given).
        #[arg(long, value_name = "PROJECT.ron")]
        into: Option<PathBuf>,
        /// Summary format on standard output.
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
    /// What changes in who secures what between two versions of a project: components added,
    /// removed and changed, layers that move, connections, duties gained and lost. `-` reads a
    /// version from standard input (`git show main:arch.ron | srm-planner diff - arch.ron`).
    Diff {
        /// The old version (.ron, or `-`).
        old: PathBuf,
        /// The new version (.ron, or `-`).
        new: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DiffFormat::Md)]
        format: DiffFormat,
        /// Exit 1 when the change adds a critical duty, or moves a layer to the customer.
        #[arg(long = "fail-on", value_enum)]
        fail_on: Option<DiffFailOn>,
    },
    /// Check a project file: exit 0 when it loads cleanly, else list every problem and exit 1.
    Validate {
        /// The project file (.ron).
        file: PathBuf,
    },
}

/// Accepts an output path whose extension names a diagram format (else a usage error).
fn diagram_output(s: &str) -> Result<PathBuf, String> {
    let path = PathBuf::from(s);
    match DiagramFormat::from_path(&path) {
        Some(_) => Ok(path),
        None => Err("the format is chosen by the extension: use .svg, .png or .drawio".into()),
    }
}

/// `report --fail-on`: which failing items make the exit code 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// A critical item has a failing resource.
    FailingCritical,
    /// A critical or high item has a failing resource.
    FailingHigh,
}

/// `diff --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Markdown for a pull-request comment.
    Md,
    /// JSON (schema in design.md).
    Json,
}

/// `diff --fail-on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFailOn {
    /// A critical to-do appears.
    NewCritical,
    /// A layer moves to the customer, or the customer owns more layers than before.
    NewCustomerLayers,
}

/// `text` or `json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TextOrJson {
    /// Human-readable text.
    Text,
    /// JSON (schema in design.md).
    Json,
}

/// Runs a headless command and returns the process exit code (0 ok, 1 bad input or failure).
pub fn run(cli: Cli) -> ExitCode {
    let mut files = Catalog::user_dir_files();
    files.extend(cli.catalogs.iter().cloned());
    let (catalog, catalog_errors) = Catalog::with_user_files(&files);
    for e in &catalog_errors {
        err(&format!("warning: {e}"));
    }
    let stdout = std::io::stdout();
    let mut o = Out(std::io::BufWriter::new(stdout.lock()));
    let o = &mut o;
    let result = match cli.command {
        None => Ok(()),
        Some(Command::Catalog { format, lint: true, .. }) => {
            let _ = format;
            lint_catalog(o, &catalog, &catalog_errors)
        }
        Some(Command::Catalog { format, frameworks: true, .. }) => print_frameworks(o, &catalog, format),
        Some(Command::Catalog { format, .. }) => print_catalog(o, &catalog, format),
        Some(Command::Stack { service, variant, format }) => {
            stack(o, &catalog, &service, variant.as_deref(), format)
        }
        Some(Command::Report { file, format, output, findings, fail_on, framework }) => {
            let opts = ReportOptions { findings: &findings, fail_on, framework: framework.as_deref() };
            report(o, &catalog, &file, format, output.as_deref(), opts)
        }
        Some(Command::Diagram { file, output, lens }) => draw(&catalog, &file, &output, lens),
        Some(Command::Validate { file }) => validate(o, &catalog, &file),
        Some(Command::Diff { old, new, format, fail_on }) => diff(o, &catalog, &old, &new, format, fail_on),
        Some(Command::Import { files, output, into, format }) => {
            import(o, &catalog, &files, output.as_deref(), into.as_deref(), format)
        }
    };
    // What is still buffered is written now; a failure is the same error as any other write.
    let result = result.and(o.flush());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            if !msg.is_empty() {
                err(&format!("error: {msg}"));
            }
            ExitCode::from(1)
        }
    }
}

fn lint_catalog(o: &mut Out, catalog: &Catalog, load_errors: &[LoadError]) -> Result<(), String> {
    let issues = lint(catalog);
    for i in &issues {
        err(&i.to_string());
    }
    o.line(&format!(
        "{} services checked; {} issue(s)",
        catalog.services().len(),
        issues.len() + load_errors.len()
    ))?;
    if issues.is_empty() && load_errors.is_empty() { Ok(()) } else { Err(String::new()) }
}

#[derive(Serialize)]
struct CatalogEntry<'a> {
    id: &'a str,
    name: &'a str,
    group: crate::vocab::Group,
    category: crate::vocab::Category,
    variants: Vec<VariantEntry<'a>>,
    resource_types: &'a [String],
}

#[derive(Serialize)]
struct VariantEntry<'a> {
    id: &'a str,
    name: &'a str,
    category: crate::vocab::Category,
}

#[derive(Serialize)]
struct FrameworkEntry<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'static str,
    scope_as_of: Option<&'a str>,
    in_scope: Option<&'a [String]>,
    exclusions: &'a [crate::catalog::compliance::ScopeExclusion],
    programme: Option<&'a str>,
    requirements: Option<usize>,
    listed: Option<&'a str>,
    sources: &'a [String],
}

/// `catalog --frameworks`: programmes, then framework versions (design.md "Compliance").
fn print_frameworks(o: &mut Out, catalog: &Catalog, format: TextOrJson) -> Result<(), String> {
    let programmes = catalog.frameworks().iter().map(|f| FrameworkEntry {
        id: f.id.id(),
        name: &f.name,
        kind: "programme",
        scope_as_of: Some(f.scope_as_of.as_str()).filter(|s| !s.is_empty()),
        in_scope: f.in_scope.as_deref(),
        exclusions: &f.exclusions,
        programme: None,
        requirements: None,
        listed: None,
        sources: &f.sources,
    });
    let versions = catalog.framework_versions().iter().map(|v| FrameworkEntry {
        id: &v.id,
        name: &v.name,
        kind: "framework-version",
        scope_as_of: None,
        in_scope: None,
        exclusions: &[],
        programme: v.programme.map(|p| p.id()),
        requirements: Some(v.requirements.len()),
        listed: Some(v.listed.as_str()),
        sources: &v.sources,
    });
    let entries: Vec<FrameworkEntry> = programmes.chain(versions).collect();
    match format {
        TextOrJson::Json => o.json(&entries)?,
        TextOrJson::Text => {
            for e in &entries {
                match e.kind {
                    "programme" => {
                        let scope = match e.in_scope {
                            Some(list) => format!(
                                "{} services in scope ({})",
                                list.len(),
                                e.scope_as_of.unwrap_or("no date given")
                            ),
                            None => "no in-scope list".to_string(),
                        };
                        o.line(&format!("{:16}  programme          {}: {scope}", e.id, e.name))?;
                        for x in e.exclusions {
                            let what = if x.variants.is_empty() {
                                x.service.clone()
                            } else {
                                format!("{} ({})", x.service, x.variants.join(", "))
                            };
                            o.line(&format!("{:16}    not covered: {what}: {}", "", x.note))?;
                        }
                    }
                    _ => o.line(&format!(
                        "{:16}  framework version  {}: {} requirements{}",
                        e.id,
                        e.name,
                        e.requirements.unwrap_or(0),
                        e.programme.map(|p| format!(" (programme {p})")).unwrap_or_default()
                    ))?,
                }
            }
        }
    }
    Ok(())
}

fn print_catalog(o: &mut Out, catalog: &Catalog, format: TextOrJson) -> Result<(), String> {
    let entries: Vec<CatalogEntry> = catalog
        .services()
        .iter()
        .map(|s| CatalogEntry {
            id: &s.id,
            name: &s.name,
            group: s.group,
            category: s.category,
            variants: if s.has_variants() {
                s.variants
                    .iter()
                    .map(|v| VariantEntry { id: &v.id, name: &v.name, category: s.category_of(v) })
                    .collect()
            } else {
                Vec::new()
            },
            resource_types: &s.resource_types,
        })
        .collect();
    match format {
        TextOrJson::Json => o.json(&entries)?,
        TextOrJson::Text => {
            // Columns are measured on what is shown (escapes included).
            let shown: Vec<(String, String)> =
                entries.iter().map(|e| (term(e.id).into_owned(), term(e.name).into_owned())).collect();
            let w = shown.iter().map(|(id, _)| id.chars().count()).max().unwrap_or(2).max(2);
            let n = shown.iter().map(|(_, name)| name.chars().count()).max().unwrap_or(4).max(4);
            o.line(&format!("{:w$}  {:n$}  {:14}  variants", "id", "name", "category"))?;
            for (e, (id, name)) in entries.iter().zip(&shown) {
                let vars: Vec<String> =
                    e.variants.iter().map(|v| format!("{} ({})", v.id, v.category)).collect();
                o.line(&format!("{id:w$}  {name:n$}  {:14}  {}", e.category.id(), vars.join(", ")))?;
            }
        }
    }
    Ok(())
}

fn stack(
    o: &mut Out,
    catalog: &Catalog,
    id: &str,
    variant: Option<&str>,
    format: TextOrJson,
) -> Result<(), String> {
    let svc = catalog.service(id).ok_or_else(|| {
        format!("no service `{id}` in the catalog (run `srm-planner catalog` for the list)")
    })?;
    let v = svc.variant(variant).ok_or_else(|| {
        let known: Vec<&str> = svc.variants.iter().map(|v| v.id.as_str()).collect();
        format!("{} has no variant `{}` (variants: {})", svc.name, variant.unwrap_or(""), known.join(", "))
    })?;
    match format {
        TextOrJson::Json => o.json(&stack_json(catalog, svc, v))?,
        TextOrJson::Text => {
            let title =
                if svc.has_variants() { format!("{} ({})", svc.name, v.name) } else { svc.name.clone() };
            o.line(&format!("{title}: {} service", svc.category_of(v)))?;
            o.line("")?;
            o.line("Layers, top (data) to bottom (facilities):")?;
            for e in v.layers.entries().iter().rev() {
                let part = match e.aws_part {
                    Some(p) => format!(" [{p}]"),
                    None => String::new(),
                };
                o.line(&format!(
                    "  {:24} {:14} {}",
                    e.layer.title(),
                    format!("{}{part}", e.owner.title()),
                    e.note
                ))?;
            }
            o.line("")?;
            o.line("Customer to-dos:")?;
            for t in svc.todos.iter().filter(|t| t.applies_to_variant(&v.id)) {
                let controls: Vec<&str> = t.all_controls().collect();
                let controls =
                    if controls.is_empty() { String::new() } else { format!(" [{}]", controls.join(", ")) };
                o.line(&format!(
                    "  - {} ({}, {}, when: {}){controls}",
                    t.title, t.priority, t.domain, t.condition
                ))?;
                o.line(&format!("    {}", t.detail))?;
            }
            o.line("")?;
            o.line("Sources:")?;
            for s in &svc.sources {
                o.line(&format!("  {s}"))?;
            }
        }
    }
    Ok(())
}

fn import(
    o: &mut Out,
    catalog: &Catalog,
    files: &[PathBuf],
    output: Option<&Path>,
    into: Option<&Path>,
    format: TextOrJson,
) -> Result<(), String> {
    for f in files {
        if let Some(out) = output {
            refuse_input(f, out, "project")?;
        }
        if let Some(p) = into
            && same_file(f, p)
        {
            return Err(format!("{} is both an input and the project to merge into", p.display()));
        }
    }
    let inputs: Vec<crate::import::InputFile> = files
        .iter()
        .map(|f| crate::import::InputFile::read(f))
        .collect::<Result<_, _>>()
        .map_err(|e| e.to_string())?;
    let fresh = crate::import::import(catalog, &inputs).map_err(|e| e.to_string())?;
    let result = match into {
        Some(p) => crate::import::merge::merge(&load(p)?, fresh),
        None => fresh,
    };
    match format {
        TextOrJson::Json => o.json(&result.summary)?,
        TextOrJson::Text => {
            for line in result.summary.to_text().lines() {
                o.line(line)?;
            }
        }
    }
    let target = output.or(into);
    if let Some(t) = target {
        crate::project::save_file(t, &result.project).map_err(|e| e.to_string())?;
        if format == TextOrJson::Text {
            o.line(&format!("wrote {}", t.display()))?;
        }
    } else if format == TextOrJson::Text {
        o.line("(no project written: give -o OUT.ron or --into PROJECT.ron)")?;
    }
    Ok(())
}

fn diff(
    o: &mut Out,
    catalog: &Catalog,
    old: &Path,
    new: &Path,
    format: DiffFormat,
    fail_on: Option<DiffFailOn>,
) -> Result<(), String> {
    if old == Path::new("-") && new == Path::new("-") {
        return Err("only one of the two versions can come from standard input".into());
    }
    let read = |p: &Path| -> Result<Project, String> {
        if p == Path::new("-") {
            use std::io::Read;
            let mut text = String::new();
            std::io::stdin()
                .take(crate::project::MAX_FILE_BYTES + 1)
                .read_to_string(&mut text)
                .map_err(|e| format!("standard input: {e}"))?;
            crate::project::load_str(&text, "<stdin>").map(|l| l.project).map_err(|e| e.to_string())
        } else {
            load(p)
        }
    };
    let (a, b) = (read(old)?, read(new)?);
    let d = crate::diff::diff(catalog, &a, &b);
    match format {
        DiffFormat::Json => o.json(&d)?,
        DiffFormat::Md => {
            for line in d.to_markdown().lines() {
                o.line(line)?;
            }
        }
    }
    let tripped = match fail_on {
        Some(DiffFailOn::NewCritical) if d.new_critical() > 0 => {
            let ids: Vec<&str> = d
                .todos
                .added
                .iter()
                .filter(|t| t.priority == crate::vocab::Priority::Critical)
                .map(|t| t.id.as_str())
                .collect();
            Some(format!("--fail-on new-critical: {} new critical duty(ies): {}", ids.len(), ids.join(", ")))
        }
        Some(DiffFailOn::NewCustomerLayers)
            if d.moves().1 > 0 || d.summary.customer_layers[1] > d.summary.customer_layers[0] =>
        {
            Some(format!(
                "--fail-on new-customer-layers: {} layer(s) move to the customer; layers you own: {} → {}",
                d.moves().1,
                d.summary.customer_layers[0],
                d.summary.customer_layers[1]
            ))
        }
        _ => None,
    };
    match tripped {
        Some(why) => {
            o.flush()?;
            Err(why)
        }
        None => Ok(()),
    }
}

fn load(file: &Path) -> Result<Project, String> {
    load_file(file).map(|l| l.project).map_err(|e| e.to_string())
}

/// What `report` takes beyond the file and the output.
struct ReportOptions<'a> {
    findings: &'a [PathBuf],
    fail_on: Option<FailOn>,
    framework: Option<&'a str>,
}

fn report(
    o: &mut Out,
    catalog: &Catalog,
    file: &Path,
    format: export::Format,
    output: Option<&Path>,
    opts: ReportOptions<'_>,
) -> Result<(), String> {
    let ReportOptions { findings, fail_on, framework } = opts;
    // An unknown framework is a mistake in the command: said before any file is read.
    if let Some(id) = framework {
        crate::compliance::find_version(catalog, id)?;
    }
    if let Some(out) = output {
        refuse_input(file, out, "report")?;
        for f in findings {
            refuse_input(f, out, "report")?;
        }
    }
    let project = load(file)?;
    let files: Vec<crate::evidence::FindingsFile> = findings
        .iter()
        .map(|f| crate::evidence::read_path(f))
        .collect::<Result<_, _>>()
        .map_err(|e| e.to_string())?;
    let mut report = if findings.is_empty() {
        export::Report::build(catalog, &project)
    } else {
        export::Report::with_findings(catalog, &project, &files)
    };
    if let Some(id) = framework {
        report = report.for_framework(id)?;
    }
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        // Reproducible builds' convention: the time to record, for byte-identical exports.
        report.generated = epoch
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|s| time::OffsetDateTime::from_unix_timestamp(s).ok())
            .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok());
    }
    if let Some(ev) = &report.evidence {
        err(&format!(
            "findings: {} file(s), {} finding(s), {} matched to the checklist, {} unmatched",
            ev.stats.files, ev.stats.total, ev.stats.matched, ev.stats.unmatched
        ));
        for f in &files {
            for (why, n) in &f.skipped {
                err(&format!("  {}: {n} finding(s) left out: {why}", f.name));
            }
            if f.duplicates > 0 {
                err(&format!("  {}: {} duplicate finding(s) merged", f.name, f.duplicates));
            }
        }
    }
    // Streamed as it is made: memory grows with the project, not with the export.
    match output {
        // An export is escaped for its format already: its bytes go straight through.
        None => format.write_report(&report, &mut o.0).map_err(stdout_error)?,
        Some(out) => {
            use std::io::Write;
            let fail = |e: std::io::Error| format!("{}: {e}", out.display());
            let file = std::fs::File::create(out).map_err(fail)?;
            let mut w = std::io::BufWriter::new(file);
            format.write_report(&report, &mut w).map_err(fail)?;
            w.flush().map_err(fail)?;
        }
    }
    if let (Some(rule), Some(ev)) = (fail_on, &report.evidence) {
        use crate::vocab::Priority;
        let trips = |p: Priority| match rule {
            FailOn::FailingCritical => p == Priority::Critical,
            FailOn::FailingHigh => matches!(p, Priority::Critical | Priority::High),
        };
        let failing: Vec<String> = report
            .checklist
            .items
            .iter()
            .filter(|i| trips(i.todo.priority) && ev.todo(&i.todo.id).is_some_and(|e| e.failed > 0))
            .map(|i| {
                format!(
                    "{} ({}, {} failing)",
                    i.todo.id,
                    i.todo.priority,
                    ev.todo(&i.todo.id).map_or(0, |e| e.failed)
                )
            })
            .collect();
        if !failing.is_empty() {
            o.flush()?;
            return Err(format!("--fail-on: {} item(s) fail: {}", failing.len(), failing.join(", ")));
        }
    }
    Ok(())
}

fn draw(catalog: &Catalog, file: &Path, output: &Path, lens: Option<Layer>) -> Result<(), String> {
    refuse_input(file, output, "diagram")?;
    let format = DiagramFormat::from_path(output)
        .ok_or_else(|| format!("{}: use .svg, .png or .drawio", output.display()))?;
    let project = load(file)?;
    let bytes = format.render(catalog, &project, &diagram::Options { lens, title: true })?;
    write_atomic(output, &bytes, false).map_err(|e| e.to_string())
}

/// An error when `out` names the input file: an export never replaces its project.
fn refuse_input(file: &Path, out: &Path, what: &str) -> Result<(), String> {
    if same_file(file, out) {
        return Err(format!(
            "refusing to write the {what} over its input file {}; choose another -o path",
            out.display()
        ));
    }
    Ok(())
}

/// True when both paths name the same existing file (or the same path). On Unix this compares
/// device and inode, so a hard link or a symbolic link to the input counts as the input.
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

fn validate(o: &mut Out, catalog: &Catalog, file: &Path) -> Result<(), String> {
    let loaded = load_file(file).map_err(|e| e.to_string())?;
    // What the load repaired (duplicate ids, dangling connections, ...) is still an error in the file.
    let project = loaded.project;
    let mut problems = loaded.repairs;
    problems.extend(check(&project, catalog));
    let errors = problems.iter().filter(|p| p.severity == Severity::Error).count();
    for p in &problems {
        match p.position {
            Some((line, column)) => err(&format!("{}:{line}:{column}: {p}", file.display())),
            None => err(&format!("{}: {p}", file.display())),
        }
    }
    if errors > 0 {
        Err(format!("{}: {errors} error(s), {} warning(s)", file.display(), problems.len() - errors))
    } else {
        o.line(&format!(
            "{}: ok ({} components, {} connections, {} warning(s))",
            file.display(),
            project.components.len(),
            project.connections.len(),
            problems.len()
        ))?;
        Ok(())
    }
}

/// A line as the terminal may show it: control and bidirectional characters from files escaped
/// (the rule of [`crate::text`]).
fn term(s: &str) -> std::borrow::Cow<'_, str> {
    sanitize(s, Lines::Escape)
}

/// Standard output, buffered. Every write goes through it, so a full disk (`> /dev/full`) or a
/// closed pipe (`| head -c 10`) is one error, reported once, with exit code 1, never a panic.
struct Out<'a>(std::io::BufWriter<std::io::StdoutLock<'a>>);

impl Out<'_> {
    /// One line, sanitised (see [`term`]).
    fn line(&mut self, line: &str) -> Result<(), String> {
        use std::io::Write;
        writeln!(self.0, "{}", term(line)).map_err(stdout_error)
    }

    /// A value as JSON (strings escaped so that the bytes are safe on a terminal).
    fn json<T: Serialize>(&mut self, value: &T) -> Result<(), String> {
        export::write_pretty(&mut self.0, value).map_err(stdout_error)
    }

    fn flush(&mut self) -> Result<(), String> {
        use std::io::Write;
        self.0.flush().map_err(stdout_error)
    }
}

fn stdout_error(e: std::io::Error) -> String {
    format!("cannot write to standard output: {e}")
}

/// Prints one line on standard error, sanitised.
fn err(line: &str) {
    eprintln!("{}", term(line));
}
