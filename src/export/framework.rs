//! The framework parts of the exports (`report --framework ID`): the requirements table in
//! Markdown and HTML, with the requirements the design does not address, and the customer
//! responsibility matrix as CSV (`--format crm`), in the shape auditors know from FedRAMP:
//! per requirement, who is responsible and how.

use super::Report;
use super::escape::{csv_cell, markdown_code as code, markdown_text as md};
use super::html::text;
use crate::compliance::{FrameworkView, RequirementRow};
use std::fmt::Write;

/// The names of the components a row covers, `; `-separated (at most 20, then a count).
fn components(r: &Report<'_>, row: &RequirementRow) -> String {
    let mut names: Vec<String> = row
        .components
        .iter()
        .take(20)
        .filter_map(|id| r.project.component(*id))
        .map(|c| {
            let svc = r.catalog.service(&c.service).map(|s| s.name.as_str());
            c.display_name(svc).to_string()
        })
        .collect();
    if row.components.len() > 20 {
        names.push(format!("and {} more", row.components.len() - 20));
    }
    names.join("; ")
}

/// What the customer does towards a row: the titles of its items.
fn customer_does(r: &Report<'_>, row: &RequirementRow) -> Vec<String> {
    row.items.iter().map(|&i| r.checklist.items[i].todo.title.clone()).collect()
}

/// One sentence on how many requirements are addressed.
fn summary(f: &FrameworkView<'_>) -> String {
    let total = f.rows.len() + f.not_addressed.len();
    format!(
        "{} of the {total} requirements of {} are addressed by items of this design; {} are not \
         (the catalog lists: {}).",
        f.rows.len(),
        f.version.name,
        f.not_addressed.len(),
        f.version.listed.trim_end_matches('.')
    )
}

/// The Markdown section.
pub(super) fn markdown(out: &mut String, r: &Report<'_>, f: &FrameworkView<'_>) {
    let _ = writeln!(out, "## Requirements: {}\n", md(&f.version.name));
    let _ = writeln!(out, "{}\n", md(&summary(f)));
    if !f.rows.is_empty() {
        out.push_str("| Requirement | Title | Status | Responsibility | Items | Components |\n|---|---|---|---|---|---|\n");
        for row in &f.rows {
            let items: Vec<String> = row.items.iter().map(|&i| code(&r.checklist.items[i].todo.id)).collect();
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                code(&row.id),
                md(&row.title),
                row.status.title(),
                row.responsibility.id(),
                items.join(", "),
                md(&components(r, row))
            );
        }
        out.push('\n');
    }
    if !f.not_addressed.is_empty() {
        let _ = writeln!(out, "### Not addressed by this design\n");
        let _ = writeln!(
            out,
            "No item of this design addresses these {} requirements: they are organisational, \
             procedural or outside what the catalog models, and need evidence of their own.\n",
            f.not_addressed.len()
        );
        for q in &f.not_addressed {
            let _ = writeln!(out, "- {} {}", code(&q.id), md(&q.title));
        }
        out.push('\n');
    }
}

/// The HTML section: the customer responsibility matrix for the framework, then what is not
/// addressed.
pub(super) fn html(out: &mut String, r: &Report<'_>, f: &FrameworkView<'_>) {
    let _ = writeln!(out, "<h2>Customer responsibility matrix: {}</h2>", text(&f.version.name));
    let _ = writeln!(out, "<p>{}</p>", text(&summary(f)));
    if !f.rows.is_empty() {
        out.push_str(
            "<table class=\"crm\">\n<tr><th>Requirement</th><th>Status</th><th>Responsibility</th>\
             <th>AWS provides</th><th>The customer does</th><th>Components</th></tr>\n",
        );
        for row in &f.rows {
            let _ = write!(
                out,
                "<tr><td><code>{}</code> {}</td><td>{}</td><td>{}</td><td>",
                text(&row.id),
                text(&row.title),
                row.status.title(),
                row.responsibility.id()
            );
            for p in &row.aws_provides {
                let _ = write!(out, "<div>{}</div>", text(p));
            }
            out.push_str("</td><td>");
            for (t, &i) in customer_does(r, row).iter().zip(&row.items) {
                let _ = write!(
                    out,
                    "<div>{} <code>{}</code></div>",
                    text(t),
                    text(&r.checklist.items[i].todo.id)
                );
            }
            let _ = writeln!(out, "</td><td>{}</td></tr>", text(&components(r, row)));
        }
        out.push_str("</table>\n");
    }
    if !f.not_addressed.is_empty() {
        let _ = writeln!(
            out,
            "<h3>Not addressed by this design</h3>\n<p>No item of this design addresses these {} \
             requirements: they are organisational, procedural or outside what the catalog \
             models, and need evidence of their own.</p>\n<ul class=\"not-addressed\">",
            f.not_addressed.len()
        );
        for q in &f.not_addressed {
            let _ = writeln!(out, "<li><code>{}</code> {}</li>", text(&q.id), text(&q.title));
        }
        out.push_str("</ul>\n");
    }
}

const CRM_HEADER: [&str; 9] = [
    "framework",
    "requirement",
    "title",
    "responsibility",
    "status",
    "aws_provides",
    "customer_does",
    "todos",
    "components",
];

/// `--format crm`: the customer responsibility matrix as CSV, a row per requirement of each
/// framework version (the one of `--framework`, else every version the catalog has), with
/// `not addressed by this design` where no item addresses it.
pub(super) fn crm(r: &Report<'_>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out);
    w.write_record(CRM_HEADER).map_err(super::csv::io_error)?;
    match &r.framework {
        Some(f) => crm_rows(r, f, &mut w)?,
        // One framework's view at a time: a large project's views hold every component they cover.
        None => {
            for version in r.catalog.framework_versions() {
                crm_rows(r, &crate::compliance::view(r.catalog, version, &r.checklist, &r.stacks), &mut w)?;
            }
        }
    }
    w.flush()
}

/// The matrix rows of one framework version, in the framework's order.
fn crm_rows<W: std::io::Write>(
    r: &Report<'_>,
    f: &FrameworkView<'_>,
    w: &mut csv::Writer<W>,
) -> std::io::Result<()> {
    let order: std::collections::HashMap<&str, usize> =
        f.version.requirements.iter().enumerate().map(|(i, q)| (q.id.as_str(), i)).collect();
    // Framework order, addressed and not addressed together.
    let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
    for row in &f.rows {
        let todos: Vec<&str> = row.items.iter().map(|&i| r.checklist.items[i].todo.id.as_str()).collect();
        rows.push((
            order.get(row.id.as_str()).copied().unwrap_or(usize::MAX),
            vec![
                f.version.id.clone(),
                row.id.clone(),
                row.title.clone(),
                row.responsibility.id().to_string(),
                row.status.to_string(),
                row.aws_provides.join(" | "),
                customer_does(r, row).join(" | "),
                todos.join(" "),
                components(r, row),
            ],
        ));
    }
    for q in &f.not_addressed {
        rows.push((
            order.get(q.id.as_str()).copied().unwrap_or(usize::MAX),
            vec![
                f.version.id.clone(),
                q.id.clone(),
                q.title.clone(),
                "not addressed by this design".to_string(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ],
        ));
    }
    rows.sort_by_key(|(i, _)| *i);
    for (_, row) in rows {
        w.write_record(row.iter().map(|c| csv_cell(c))).map_err(super::csv::io_error)?;
    }
    Ok(())
}
