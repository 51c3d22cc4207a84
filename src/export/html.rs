//! HTML export: one self-contained page (inline CSS, no script, no external resource) with the
//! architecture diagram (inline SVG), the responsibility matrix as coloured tables and the
//! checklist. Every string is escaped.

use super::Report;
use crate::checklist::Scope;
use crate::text::{Lines, sanitize};
use crate::vocab::{Layer, Owner, Status};
use std::fmt::Write;

/// Largest project whose diagram the report embeds: beyond it the picture is unreadable on a
/// page and the SVG alone would be several times the size of the project file.
pub const MAX_EMBEDDED_DIAGRAM: usize = 2_000;

/// Text content, HTML-escaped, with control and bidirectional characters shown as escapes (the
/// rule of [`crate::text`]): an ESC sequence or an override (U+202E) in a label could act on a
/// terminal showing the file or make the report read differently from what it says.
pub(super) fn text(s: &str) -> String {
    html_escape::encode_text(&sanitize(s, Lines::Keep)).into_owned()
}

/// A double-quoted attribute value, escaped the same way.
fn attr(s: &str) -> String {
    html_escape::encode_double_quoted_attribute(&sanitize(s, Lines::Keep)).into_owned()
}

/// Writes the page to `w` as it is made (handed on every [`SPILL`](super::SPILL) bytes).
pub(super) fn write(r: &Report<'_>, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let p = r.project;
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>Shared responsibility report: {}</title>\n<style>\n{}</style>\n</head>\n<body>\n",
        text(&p.name),
        css()
    );
    let _ = writeln!(out, "<h1>Shared responsibility report: {}</h1>", text(&p.name));
    if !p.description.trim().is_empty() {
        let _ = writeln!(out, "<p>{}</p>", text(&p.description));
    }
    let (done, total) = r.checklist.progress();
    let _ = writeln!(
        out,
        "<p>{} components; {} checklist items; <strong>{done} of {total} done</strong>.</p>",
        p.components.len(),
        r.checklist.items.len()
    );
    if !p.components.is_empty() && p.components.len() <= MAX_EMBEDDED_DIAGRAM {
        // The diagram is escaped by its own writer and carries no script (see `diagram::svg`).
        out.push_str("<h2>Diagram</h2>\n");
        // The diagram writer makes its SVG whole; it goes out as one piece of its own.
        super::spill(&mut out, w, true)?;
        w.write_all(super::diagram::svg_for_report(p, &r.stacks).as_bytes())?;
    } else if !p.components.is_empty() {
        let _ = writeln!(
            out,
            "<h2>Diagram</h2>\n<p>Not embedded: {} components are more than a page can show \
             (the limit is {MAX_EMBEDDED_DIAGRAM}). <code>srm-planner diagram FILE -o OUT.svg</code> \
             draws it.</p>",
            p.components.len()
        );
    }
    legend(&mut out);
    matrix(&mut out, r, w)?;
    if !r.problems.is_empty() {
        out.push_str("<h2>Problems in the project</h2>\n<ul>\n");
        for pr in &r.problems {
            let _ = writeln!(out, "<li>{}</li>", text(&pr.to_string()));
        }
        out.push_str("</ul>\n");
    }
    if let Some(f) = &r.framework {
        super::framework::html(&mut out, r, f);
    }
    checklist(&mut out, r, w)?;
    out.push_str("</body>\n</html>\n");
    super::spill(&mut out, w, true)
}

fn css() -> String {
    let mut s = String::from(
        "body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:80rem}\
         table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.25rem .4rem;vertical-align:top}\
         th.layer{writing-mode:vertical-rl;transform:rotate(180deg);font-weight:normal;font-size:.8rem}\
         td.o{text-align:center;font-weight:bold;min-width:1.6rem}\
         .legend span{display:inline-block;padding:.1rem .5rem;margin-right:.5rem}\
         li.item{margin:.6rem 0}.meta{color:#555;font-size:.9rem}.ev-fail{color:#b00020;font-size:.9rem;font-weight:600}.ev-pass{color:#1b6e20;font-size:.9rem}.done{text-decoration:line-through}\
         code{background:#f3f3f3;padding:0 .2rem}table.crm td div{margin-bottom:.2rem}table.crm{font-size:.9rem}\n",
    );
    for o in Owner::ALL {
        let [r, g, b] = o.rgb();
        let fg = if o.light_text() { "#fff" } else { "#000" };
        let _ = writeln!(s, ".{}{{background:#{r:02x}{g:02x}{b:02x};color:{fg}}}", class(*o));
    }
    s
}

fn class(o: Owner) -> &'static str {
    match o {
        Owner::Aws => "aws",
        Owner::Customer => "customer",
        Owner::Shared => "shared",
        Owner::NotApplicable => "na",
    }
}

fn legend(out: &mut String) {
    out.push_str("<p class=\"legend\">");
    for o in Owner::ALL {
        let _ = write!(out, "<span class=\"{}\">{} = {}</span>", class(*o), o.letter(), o.title());
    }
    out.push_str("</p>\n");
}

fn matrix(out: &mut String, r: &Report<'_>, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.push_str("<h2>Responsibility matrix</h2>\n<table>\n<tr><th>Component</th><th>Service</th>");
    for l in Layer::ALL {
        let _ = write!(out, "<th class=\"layer\">{}</th>", l.title());
    }
    out.push_str("</tr>\n");
    for (c, s) in &r.stacks {
        let name = c.display_name(s.as_ref().map(|s| s.service.name.as_str()));
        let service = match s {
            Some(s) if s.variant_id().is_some() => format!("{} ({})", s.service.name, s.variant.name),
            Some(s) => s.service.name.clone(),
            None => format!("{} (not in the catalog)", c.service),
        };
        let _ = write!(out, "<tr><td>{}</td><td>{}</td>", text(&name), text(&service));
        match s {
            Some(s) => {
                for e in s.stack().entries() {
                    let _ = write!(
                        out,
                        "<td class=\"o {}\" title=\"{}: {}\">{}</td>",
                        class(e.owner),
                        e.layer.title(),
                        attr(&e.note),
                        e.owner.letter()
                    );
                }
            }
            None => {
                let _ = write!(out, "<td colspan=\"{}\">no stack: unknown service</td>", Layer::ALL.len());
            }
        }
        out.push_str("</tr>\n");
        super::spill(out, w, false)?;
    }
    // VPC boxes are Amazon VPCs: a row each.
    for (b, s) in &r.boundary_stacks {
        let Some((service, variant)) = s else { continue };
        let _ = write!(
            out,
            "<tr><td>{} (VPC boundary)</td><td>{}</td>",
            text(&b.display_name()),
            text(&service.name)
        );
        for e in variant.layers.entries() {
            let _ = write!(
                out,
                "<td class=\"o {}\" title=\"{}: {}\">{}</td>",
                class(e.owner),
                e.layer.title(),
                attr(&e.note),
                e.owner.letter()
            );
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
    Ok(())
}

fn checklist(out: &mut String, r: &Report<'_>, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.push_str("<h2>Customer checklist</h2>\n");
    for (domain, items) in r.checklist.by_domain() {
        let _ = writeln!(out, "<h3>{}</h3>\n<ul>", domain.title());
        for item in items {
            let t = &item.todo;
            let done = item.state.status == Status::Done;
            let _ = write!(
                out,
                "<li class=\"item\"><input type=\"checkbox\" disabled{}> <strong{}>{}</strong> \
                 <span class=\"meta\">{} · <code>{}</code> · {}</span><br>{}",
                if done { " checked" } else { "" },
                if done { " class=\"done\"" } else { "" },
                text(&t.title),
                t.priority,
                text(&t.id),
                item.state.status.title(),
                text(&t.detail)
            );
            let source = match &item.scope {
                Scope::Account => "account baseline".to_string(),
                Scope::Framework(f) => format!("compliance: {f}"),
                Scope::Architecture => "architecture".to_string(),
                Scope::Service { name, .. } => name.clone(),
            };
            let _ =
                write!(out, "<br><span class=\"meta\">Why: {} ({})</span>", text(&item.why), text(&source));
            if let Some(line) = r.evidence_line(item) {
                let class = match r.evidence_of(&t.id) {
                    Some(e) if e.failed > 0 => "ev-fail",
                    _ => "ev-pass",
                };
                let _ = write!(out, "<br><span class=\"{class}\">Evidence: {}</span>", text(&line));
            }
            if !item.covers.is_empty() {
                out.push_str("<br><span class=\"meta\">Covers: ");
                for (i, c) in item.covers.iter().enumerate() {
                    if i > 0 {
                        out.push_str("; ");
                    }
                    let _ = write!(out, "{} ({})", text(&c.label), text(&c.reason));
                }
                out.push_str("</span>");
            }
            if !t.controls.is_empty() || !t.other_controls.is_empty() {
                let _ = write!(
                    out,
                    "<br><span class=\"meta\">Security Hub controls: {}",
                    text(&t.controls.join(", "))
                );
                if !t.other_controls.is_empty() {
                    let _ = write!(out, " (outside FSBP: {})", text(&t.other_controls.join(", ")));
                }
                out.push_str("</span>");
            }
            if !item.state.assignee.is_empty() {
                let _ =
                    write!(out, "<br><span class=\"meta\">Assignee: {}</span>", text(&item.state.assignee));
            }
            if !item.state.note.is_empty() {
                let _ = write!(out, "<br><span class=\"meta\">Note: {}</span>", text(&item.state.note));
            }
            out.push_str("</li>\n");
            super::spill(out, w, false)?;
        }
        out.push_str("</ul>\n");
    }
    Ok(())
}
