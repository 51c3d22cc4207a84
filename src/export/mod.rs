//! Exports of a project's checklist and stacks: Markdown, CSV, HTML and JSON, and its diagram
//! (SVG, PNG, draw.io; [`diagram`]). Each is a pure function of catalog + project and gives
//! byte-identical output for the same input.

mod csv;
pub mod diagram;
mod escape;
mod framework;
mod html;
mod json;
mod markdown;
mod oscal;

pub use escape::{csv_cell, markdown_text};
pub use json::{StackJson, report_json, stack_json, suggestion, write_pretty};

/// How much text an export builds before handing it to its writer.
const SPILL: usize = 64 * 1024;

/// Hands `buf` to `w` once it holds [`SPILL`] bytes (or at once with `all`), and empties it.
fn spill(buf: &mut String, w: &mut dyn std::io::Write, all: bool) -> std::io::Result<()> {
    if all || buf.len() >= SPILL {
        w.write_all(buf.as_bytes())?;
        buf.clear();
    }
    Ok(())
}

use crate::catalog::Catalog;
use crate::checklist::{self, Checklist};
use crate::project::{Problem, Project, check};
use crate::responsibility::{ComponentStack, resolve};

/// The export formats, as the CLI's `--format` and the app's File → Export name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Markdown checklist.
    Md,
    /// CSV, one row per item.
    Csv,
    /// Self-contained HTML report.
    Html,
    /// JSON (schema in design.md).
    Json,
    /// OSCAL 1.1 component-definition (JSON).
    Oscal,
    /// Customer responsibility matrix (CSV): per framework requirement, who is responsible and how.
    Crm,
}

impl Format {
    /// Every format, in menu order.
    pub const ALL: [Format; 6] =
        [Format::Md, Format::Csv, Format::Html, Format::Json, Format::Oscal, Format::Crm];

    /// What people call it ("Markdown").
    pub fn name(self) -> &'static str {
        match self {
            Format::Md => "Markdown",
            Format::Csv => "CSV",
            Format::Html => "HTML",
            Format::Json => "JSON",
            Format::Oscal => "OSCAL component definition",
            Format::Crm => "Customer responsibility matrix (CSV)",
        }
    }

    /// The file extension, without the dot.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Csv => "csv",
            Format::Html => "html",
            Format::Json => "json",
            Format::Oscal => "json",
            Format::Crm => "csv",
        }
    }

    /// The project's report in this format.
    pub fn render(self, catalog: &Catalog, project: &Project) -> String {
        self.render_report(&Report::build(catalog, project))
    }

    /// A built report in this format, as text.
    pub fn render_report(self, report: &Report<'_>) -> String {
        let mut out = Vec::new();
        self.write_report(report, &mut out).expect("writing to memory cannot fail");
        String::from_utf8(out).expect("every export is UTF-8")
    }

    /// Writes the project's report in this format to `out` as it is made, so that memory does
    /// not grow with the size of the export (only with the project's).
    pub fn write(
        self,
        catalog: &Catalog,
        project: &Project,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        self.write_report(&Report::build(catalog, project), out)
    }

    /// Writes a built report in this format to `out`.
    pub fn write_report(self, report: &Report<'_>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        match self {
            Format::Md => markdown::write(report, out),
            Format::Csv => csv::write(report, out),
            Format::Html => html::write(report, out),
            Format::Json => json::write_report(report, out),
            Format::Oscal => oscal::write(report, out),
            Format::Crm => framework::crm(report, out),
        }
    }
}

/// A VPC boundary and the service stack it stands for.
pub type BoundaryStack<'a> =
    (&'a crate::project::Boundary, Option<(&'a crate::catalog::Service, &'a crate::catalog::Variant)>);

/// Everything an export shows, computed once.
pub struct Report<'a> {
    /// The catalog it was built from.
    pub catalog: &'a Catalog,
    /// The project.
    pub project: &'a Project,
    /// Each component with its resolved stack (`None` for services the catalog lacks).
    pub stacks: Vec<(&'a crate::project::Component, Option<ComponentStack<'a>>)>,
    /// Each VPC boundary with the `vpc` stack it stands for (`None` when the catalog has no
    /// `vpc` service).
    pub boundary_stacks: Vec<BoundaryStack<'a>>,
    /// The consolidated checklist.
    pub checklist: Checklist,
    /// Problems found in the project (unknown services, scope warnings, ...).
    pub problems: Vec<Problem>,
    /// What scanner findings say about the to-dos, when findings were given.
    pub evidence: Option<crate::evidence::Evidence>,
    /// The framework view, when the report is for one framework version: the checklist then
    /// holds only the items that address it.
    pub framework: Option<crate::compliance::FrameworkView<'a>>,
    /// When the report is made (RFC 3339), for exports that record it (OSCAL's
    /// `last-modified`); `None` is now.
    pub generated: Option<String>,
}

impl<'a> Report<'a> {
    /// Computes stacks, checklist and problems.
    pub fn build(catalog: &'a Catalog, project: &'a Project) -> Self {
        Report {
            catalog,
            project,
            stacks: project.components.iter().map(|c| (c, resolve(catalog, c))).collect(),
            boundary_stacks: crate::responsibility::boundary_stacks(catalog, project),
            checklist: checklist::build(catalog, project),
            problems: check(project, catalog),
            evidence: None,
            framework: None,
            generated: None,
        }
    }

    /// Narrows the report to one framework version (by its id, or its programme's): the
    /// checklist keeps the items that address it, and the view lists its requirements.
    pub fn for_framework(mut self, id: &str) -> Result<Self, String> {
        let version = crate::compliance::find_version(self.catalog, id)?;
        let full = crate::compliance::view(self.catalog, version, &self.checklist, &self.stacks);
        let mut index = 0;
        self.checklist.items.retain(|_| {
            let keep = full.addresses_item(index);
            index += 1;
            keep
        });
        self.framework = Some(crate::compliance::view(self.catalog, version, &self.checklist, &self.stacks));
        Ok(self)
    }

    /// Computes the report and matches the findings of `files` to its checklist.
    pub fn with_findings(
        catalog: &'a Catalog,
        project: &'a Project,
        files: &[crate::evidence::FindingsFile],
    ) -> Self {
        let mut r = Report::build(catalog, project);
        r.evidence = Some(crate::evidence::matching::build(project, &r.checklist, files));
        r
    }

    /// What the findings say about an item, in one line of plain text for the exports
    /// ("all 4 resource(s) pass — mark done?", "1 of 3 resource(s) fail: Logs (aws_s3_bucket.logs)"),
    /// when findings were given and some answer it.
    pub fn evidence_line(&self, item: &crate::checklist::Item) -> Option<String> {
        let e = self.evidence_of(&item.todo.id)?;
        let mut line = e.summary();
        if e.failed > 0 {
            let failing: Vec<String> = e
                .resources
                .iter()
                .filter(|r| r.status == crate::evidence::Status::Failed)
                .take(10)
                .map(|r| {
                    match r.component.and_then(|c| self.project.component(crate::project::ComponentId(c))) {
                        Some(c) if !c.label.is_empty() && *c.label != *r.id => {
                            format!("{} ({})", c.label, r.id)
                        }
                        _ => r.id.to_string(),
                    }
                })
                .collect();
            let more = if e.failed > 10 { format!(" and {} more", e.failed - 10) } else { String::new() };
            line += &format!(": {}{more}", failing.join(", "));
        } else if e.all_pass() && item.state.status != crate::vocab::Status::Done {
            line += " — mark done?";
        }
        Some(line)
    }

    /// The evidence of one item, when findings were given.
    pub fn evidence_of(&self, todo: &str) -> Option<&crate::evidence::TodoEvidence> {
        self.evidence.as_ref().and_then(|e| e.todo(todo))
    }

    /// The report as Markdown (see [`markdown`]).
    pub fn to_markdown(&self) -> String {
        Format::Md.render_report(self)
    }
}

/// The checklist as Markdown: a GitHub task list per domain, then the responsibility matrix.
pub fn markdown(catalog: &Catalog, project: &Project) -> String {
    Format::Md.render(catalog, project)
}

/// The checklist as CSV, one row per item (for spreadsheets, Jira and the like).
pub fn csv(catalog: &Catalog, project: &Project) -> String {
    Format::Csv.render(catalog, project)
}

/// A self-contained HTML report: stacks as coloured tables and the checklist. No script.
pub fn html(catalog: &Catalog, project: &Project) -> String {
    Format::Html.render(catalog, project)
}

/// The report as JSON (schema in design.md and the README).
pub fn json(catalog: &Catalog, project: &Project) -> String {
    Format::Json.render(catalog, project)
}
