//! Markdown export: a GitHub task list per domain, then the responsibility matrix.

use super::Report;
use super::escape::{markdown_code as code, markdown_text as md, push_markdown_text as push_md};
use crate::checklist::{Item, Scope};
use crate::vocab::{Layer, Status};
use std::fmt::Write;

/// Writes the Markdown to `w` as it is made: the text is built a piece at a time and handed on
/// every [`SPILL`](super::SPILL) bytes, so memory does not grow with the project.
pub(super) fn write(r: &Report<'_>, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut out = String::new();
    let p = r.project;
    let _ = writeln!(out, "# Security checklist: {}\n", md(&p.name));
    if !p.description.trim().is_empty() {
        let _ = writeln!(out, "{}\n", md(&p.description));
    }
    let (done, total) = r.checklist.progress();
    let _ = writeln!(
        out,
        "{} components, {} checklist items; {done} of {total} done (items marked not applicable are not counted).\n",
        p.components.len(),
        r.checklist.items.len()
    );
    if !r.problems.is_empty() {
        let _ = writeln!(out, "## Problems in the project\n");
        for pr in &r.problems {
            let _ = writeln!(out, "- {}", md(&pr.to_string()));
        }
        out.push('\n');
    }
    if let Some(f) = &r.framework {
        super::framework::markdown(&mut out, r, f);
    }
    // For one framework, each item names the requirements it addresses.
    let reqs = r.framework.as_ref().map(|f| f.requirements_by_todo(&r.checklist));
    for (domain, items) in r.checklist.by_domain() {
        let _ = writeln!(out, "## {}\n", domain.title());
        for item in items {
            item_md(&mut out, item);
            if let (Some(m), Some(f)) = (&reqs, &r.framework)
                && let Some(ids) = m.get(item.todo.id.as_str())
            {
                let ids: Vec<String> = ids.iter().map(|i| code(i)).collect();
                let _ = writeln!(out, "  - Requirements ({}): {}", md(&f.version.name), ids.join(", "));
            }
            if let Some(line) = r.evidence_line(item) {
                let _ = writeln!(out, "  - Evidence: {}", md(&line));
            }
            super::spill(&mut out, w, false)?;
        }
        out.push('\n');
    }
    matrix_md(&mut out, r, w)?;
    super::spill(&mut out, w, true)
}

fn item_md(out: &mut String, item: &Item) {
    let t = &item.todo;
    let check = if item.state.status == Status::Done { "x" } else { " " };
    let _ = write!(out, "- [{check}] **{}** ({}) {}", md(&t.title), t.priority, code(&t.id));
    if item.state.status != Status::Open && item.state.status != Status::Done {
        let _ = write!(out, " — {}", item.state.status.title());
    }
    out.push('\n');
    let _ = writeln!(out, "  - {}", md(&t.detail));
    let source = match &item.scope {
        Scope::Account => "account baseline".to_string(),
        Scope::Framework(f) => format!("compliance: {f}"),
        Scope::Architecture => "architecture".to_string(),
        Scope::Service { name, .. } => md(name),
    };
    let _ = writeln!(out, "  - Why: {} ({source})", md(&item.why));
    if !item.covers.is_empty() {
        out.push_str("  - Covers: ");
        for (i, c) in item.covers.iter().enumerate() {
            if i > 0 {
                out.push_str("; ");
            }
            push_md(out, &c.label);
            out.push_str(" (");
            push_md(out, &c.reason);
            out.push(')');
        }
        out.push('\n');
    }
    if !t.controls.is_empty() || !t.other_controls.is_empty() {
        let mut s = String::new();
        if !t.controls.is_empty() {
            let _ = write!(s, "{}", t.controls.iter().map(|c| code(c)).collect::<Vec<_>>().join(", "));
        }
        if !t.other_controls.is_empty() {
            if !s.is_empty() {
                s.push_str("; ");
            }
            let _ = write!(
                s,
                "outside FSBP: {}",
                t.other_controls.iter().map(|c| code(c)).collect::<Vec<_>>().join(", ")
            );
        }
        let _ = writeln!(out, "  - Security Hub controls: {s}");
    }
    if !item.state.assignee.trim().is_empty() {
        let _ = writeln!(out, "  - Assignee: {}", md(&item.state.assignee));
    }
    if !item.state.note.trim().is_empty() {
        let _ = writeln!(out, "  - Note: {}", md(&item.state.note));
    }
}

fn matrix_md(out: &mut String, r: &Report<'_>, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    if r.stacks.is_empty() {
        return Ok(());
    }
    let _ = writeln!(out, "## Responsibility matrix\n");
    let _ = writeln!(
        out,
        "A = AWS, C = customer, S = shared, - = not applicable, ? = service not in the catalog.\n"
    );
    out.push_str("| Component | Service |");
    for l in Layer::ALL {
        let _ = write!(out, " {} |", l.title());
    }
    out.push_str("\n|---|---|");
    for _ in Layer::ALL {
        out.push_str(":-:|");
    }
    out.push('\n');
    for (c, s) in &r.stacks {
        let service = match s {
            Some(s) => match s.variant_id() {
                Some(_) => format!("{} ({})", s.service.name, s.variant.name),
                None => s.service.name.clone(),
            },
            None => c.service.clone(),
        };
        out.push_str("| ");
        push_md(out, &c.display_name(s.as_ref().map(|s| s.service.name.as_str())));
        out.push_str(" | ");
        push_md(out, &service);
        out.push_str(" |");
        for l in Layer::ALL {
            let letter = s.as_ref().map_or("?", |s| s.owner(*l).letter());
            out.push(' ');
            out.push_str(if letter == "-" { "\\-" } else { letter });
            out.push_str(" |");
        }
        out.push('\n');
        super::spill(out, w, false)?;
    }
    // VPC boxes are Amazon VPCs: a row each.
    for (b, s) in &r.boundary_stacks {
        let Some((service, variant)) = s else { continue };
        out.push_str("| ");
        push_md(out, &b.display_name());
        out.push_str(" (VPC boundary) | ");
        push_md(out, &service.name);
        out.push_str(" |");
        for e in variant.layers.entries() {
            let letter = e.owner.letter();
            out.push(' ');
            out.push_str(if letter == "-" { "\\-" } else { letter });
            out.push_str(" |");
        }
        out.push('\n');
    }
    Ok(())
}
