//! The checklist panel: the consolidated to-do list grouped by domain and ordered by priority,
//! with why each item applies, the components it covers and its control ids. Status, assignee
//! and note are edited in place (saved in the project). Filters by status, domain, priority and
//! component; a progress bar. Only the visible rows are laid out, so long lists stay fast.

use super::derived::Derived;
use super::edit::Edit;
use super::elide::{EDITABLE, SHOWN, elide};
use super::theme;
use super::view::{ComponentFilter, StatusFilter, ViewState};
use crate::catalog::Catalog;
use crate::checklist::{Item, Scope, Subject};
use crate::project::Project;
use crate::vocab::{Domain, Priority, Status};
use egui::{Rect, RichText, Ui, UiBuilder, Vec2};

const HEADER_H: f32 = 28.0;
const ITEM_H: f32 = 84.0;
const MAX_COVER_LINKS: usize = 6;

enum Row {
    Header(Domain, usize, usize),
    Item(usize),
}

/// Shows the checklist; returns edits to the project.
pub fn show(
    ui: &mut Ui,
    catalog: &Catalog,
    project: &Project,
    derived: &Derived,
    view: &mut ViewState,
) -> Vec<Edit> {
    let mut edits = Vec::new();
    let (done, total) = derived.checklist.progress();
    ui.horizontal_wrapped(|ui| {
        let frac = if total == 0 { 0.0 } else { done as f32 / total as f32 };
        ui.add(egui::ProgressBar::new(frac).text(format!("{done} of {total} done")).desired_width(220.0))
            .on_hover_text("Checklist progress (items marked not applicable are left out)");
        filters(ui, catalog, project, derived, view);
        framework_picker(ui, catalog, view);
    });
    if let Some(fv) = view.filter.framework.and_then(|i| catalog.framework_versions().get(i)) {
        framework_summary(ui, catalog, project, derived, fv);
    }
    if let Some(ev) = &derived.evidence {
        let failing = ev.by_todo.values().filter(|e| e.failed > 0).count();
        let passing = ev.by_todo.values().filter(|e| e.all_pass()).count();
        let when = project.findings_checked.as_deref().map(|w| format!(" · read {w}")).unwrap_or_default();
        ui.label(
            RichText::new(format!(
                "Findings: {} from {} file(s), {} matched, {} unmatched · {failing} item(s) failing, {passing} passing{when}",
                ev.stats.total, ev.stats.files, ev.stats.matched, ev.stats.unmatched
            ))
            .small(),
        )
        .on_hover_ui(|ui| {
            for f in &ev.files {
                ui.label(format!("{}: {} finding(s)", f.file, f.findings));
                for (why, n) in &f.skipped {
                    ui.weak(format!("  {n} left out: {why}"));
                }
            }
            if !ev.unmatched.is_empty() {
                ui.strong("Unmatched (no to-do of this checklist lists the check):");
                for (c, r) in ev.unmatched.iter().take(15) {
                    ui.weak(format!("  {c} · {r}"));
                }
            }
        });
    } else if !project.findings.is_empty() {
        ui.weak(format!(
            "Last checked against {} ({}): File → Reload findings",
            project.findings.join(", "),
            project.findings_checked.as_deref().unwrap_or("time unknown")
        ));
    }
    ui.separator();

    let rows = build_rows(catalog, derived, view);
    if rows.is_empty() {
        ui.weak(if derived.checklist.items.is_empty() {
            "No to-dos yet: add components to the canvas."
        } else {
            "No item matches the filters."
        });
        return edits;
    }
    let heights: Vec<f32> =
        rows.iter().map(|r| if matches!(r, Row::Header(..)) { HEADER_H } else { ITEM_H }).collect();
    let total_h: f32 = heights.iter().sum();
    let scroll_to = view.scroll_to_item.take();
    egui::ScrollArea::vertical().id_salt("checklist").auto_shrink([false, false]).show_viewport(
        ui,
        |ui, viewport| {
            ui.set_height(total_h);
            let origin = ui.max_rect().min;
            let width = ui.available_width();
            let mut y = 0.0;
            for (row, h) in rows.iter().zip(&heights) {
                let rect = Rect::from_min_size(origin + Vec2::new(0.0, y), Vec2::new(width, *h));
                if let (Some(k), Row::Item(i)) = (scroll_to, row)
                    && k == *i
                {
                    ui.scroll_to_rect(rect, Some(egui::Align::Center));
                }
                if y + h >= viewport.min.y && y <= viewport.max.y {
                    ui.scope_builder(UiBuilder::new().max_rect(rect), |ui| match row {
                        Row::Header(d, n, shown) => domain_header(ui, view, *d, *n, *shown),
                        Row::Item(k) => item_row(ui, derived, view, *k, rect, &mut edits),
                    });
                }
                y += h;
            }
        },
    );
    edits
}

fn passes(
    item: &Item,
    reqs: Option<&std::collections::BTreeMap<String, Vec<String>>>,
    view: &ViewState,
    fw: Option<&str>,
) -> bool {
    let f = &view.filter;
    if let Some(fw) = fw
        && !reqs.is_some_and(|r| r.contains_key(fw))
    {
        return false;
    }
    if !f.status.accepts(item.state.status) {
        return false;
    }
    if f.domain.is_some_and(|d| d != item.todo.domain) {
        return false;
    }
    if f.priority.is_some_and(|p| item.todo.priority > p) {
        return false;
    }
    match f.component {
        ComponentFilter::All => true,
        ComponentFilter::Selected => item.components().any(|c| view.selection.components.contains(&c)),
        ComponentFilter::One(id) => item.covers_component(id),
    }
}

fn build_rows(catalog: &Catalog, derived: &Derived, view: &ViewState) -> Vec<Row> {
    let fw = view.filter.framework.and_then(|i| catalog.framework_versions().get(i)).map(|v| v.id.as_str());
    let mut rows = Vec::new();
    let mut start = 0;
    for (domain, items) in derived.checklist.by_domain() {
        let shown: Vec<usize> = (start..start + items.len())
            .filter(|&k| passes(&derived.checklist.items[k], derived.requirements.get(k), view, fw))
            .collect();
        start += items.len();
        if shown.is_empty() {
            continue;
        }
        rows.push(Row::Header(domain, items.len(), shown.len()));
        if !view.collapsed_domains.contains(&domain) {
            rows.extend(shown.into_iter().map(Row::Item));
        }
    }
    rows
}

fn domain_header(ui: &mut Ui, view: &mut ViewState, d: Domain, total: usize, shown: usize) {
    let open = !view.collapsed_domains.contains(&d);
    let arrow = if open { "▾" } else { "▸" };
    let text = if shown == total {
        format!("{arrow} {} ({total})", d.title())
    } else {
        format!("{arrow} {} ({shown} of {total})", d.title())
    };
    ui.add_space(4.0);
    if ui.add(egui::Button::new(RichText::new(text).strong().size(14.5)).frame(false)).clicked() {
        if open {
            view.collapsed_domains.insert(d);
        } else {
            view.collapsed_domains.remove(&d);
        }
    }
}

fn item_row(
    ui: &mut Ui,
    derived: &Derived,
    view: &mut ViewState,
    k: usize,
    rect: Rect,
    edits: &mut Vec<Edit>,
) {
    let item = &derived.checklist.items[k];
    let covers_selection = item.components().any(|c| view.selection.components.contains(&c));
    let hovered = ui.rect_contains_pointer(rect);
    if hovered {
        view.hover_item = Some(k);
    }
    let painter = ui.painter();
    let bg = rect.shrink2(Vec2::new(0.0, 2.0));
    if covers_selection {
        painter.rect_filled(bg, 4.0, theme::SELECT.gamma_multiply(0.22));
        painter.rect_filled(Rect::from_min_size(bg.min, Vec2::new(4.0, bg.height())), 2.0, theme::SELECT);
    } else if hovered {
        painter.rect_filled(bg, 4.0, ui.visuals().widgets.hovered.weak_bg_fill);
    } else {
        painter.rect_filled(bg, 4.0, ui.visuals().faint_bg_color);
    }
    let mut state = item.state.clone();
    ui.add_space(5.0);
    ui.horizontal(|ui| {
        ui.add_space(8.0);
        let status_resp = egui::ComboBox::from_id_salt(("item-status", k))
            .selected_text(status_text(state.status))
            .width(118.0)
            .show_ui(ui, |ui| {
                for s in Status::ALL {
                    ui.selectable_value(&mut state.status, *s, status_text(*s));
                }
            })
            .response;
        let p = item.todo.priority;
        ui.label(
            RichText::new(format!(" {} ", theme::priority_title(p)))
                .color(egui::Color32::WHITE)
                .background_color(theme::priority_color(p))
                .small()
                .strong(),
        );
        if let Some(ev) = derived.evidence.as_ref().and_then(|e| e.todo(&item.todo.id)) {
            evidence_badge(ui, derived, ev, item, &mut state);
        }
        let controls: Vec<&str> = item.todo.all_controls().collect();
        egui::Sides::new().shrink_left().truncate().show(
            ui,
            |ui| {
                let title = ui.add(egui::Label::new(RichText::new(&item.todo.title).strong()));
                status_resp.labelled_by(title.id);
                title.on_hover_ui(|ui| {
                    ui.set_max_width(420.0);
                    ui.strong(&item.todo.title);
                    ui.label(&item.todo.detail);
                    ui.weak(format!("Id: {}", item.todo.id));
                });
            },
            |ui| {
                ui.add_space(6.0);
                if !controls.is_empty() {
                    ui.label(RichText::new(controls.join(" ")).monospace().small().weak())
                        .on_hover_text("Security Hub control ids");
                }
            },
        );
    });
    ui.horizontal(|ui| {
        ui.add_space(12.0);
        if item.covers.is_empty() {
            ui.label(RichText::new("Whole account").small().weak());
        } else {
            for cov in item.covers.iter().take(MAX_COVER_LINKS) {
                let resp = ui
                    .add(egui::Button::new(RichText::new(elide(&cov.label, SHOWN)).small()).small())
                    .on_hover_text(cov.reason.as_ref());
                if resp.clicked() {
                    match cov.subject {
                        Subject::Component(id) => view.selection.only(id),
                        Subject::Boundary(id) => view.selection.only_boundary(id),
                    }
                }
            }
            if item.covers.len() > MAX_COVER_LINKS {
                let more = ui.add(
                    egui::Button::new(
                        RichText::new(format!("+{} more", item.covers.len() - MAX_COVER_LINKS)).small(),
                    )
                    .small(),
                );
                if more.clicked() {
                    view.selection.clear();
                    view.selection.components.extend(item.components());
                    view.selection.boundaries.extend(item.boundaries());
                }
            }
        }
        let source = match &item.scope {
            Scope::Account => String::new(),
            Scope::Architecture => "Architecture · ".to_string(),
            Scope::Framework(f) => format!("{} · ", f.id().to_uppercase()),
            Scope::Service { name, .. } => format!("{name} · "),
        };
        ui.add(egui::Label::new(RichText::new(format!("{source}{}", item.why)).small().weak()).truncate());
    });
    ui.horizontal(|ui| {
        ui.add_space(12.0);
        let l = ui.label(RichText::new("Assignee").small());
        if state.assignee.len() > EDITABLE {
            ui.label(RichText::new(elide(&state.assignee, SHOWN)).small()).labelled_by(l.id);
        } else {
            ui.add(
                egui::TextEdit::singleline(&mut state.assignee)
                    .desired_width(130.0)
                    .hint_text("who")
                    .font(egui::TextStyle::Small),
            )
            .labelled_by(l.id);
        }
        let l = ui.label(RichText::new("Note").small());
        if state.note.len() > EDITABLE {
            // Too long to edit in one line: shown elided (the inspector of a component edits notes).
            ui.label(RichText::new(elide(&state.note, SHOWN)).small()).labelled_by(l.id);
        } else {
            ui.add(
                egui::TextEdit::singleline(&mut state.note)
                    .desired_width(f32::INFINITY)
                    .hint_text("note")
                    .font(egui::TextStyle::Small),
            )
            .labelled_by(l.id);
        }
    });
    if state != item.state {
        edits.push(Edit::SetTodoState(item.todo.id.clone(), state));
    }
}

/// The findings' verdict on an item: a pass or fail count, the resources on hover, and, when
/// every resource passes, an offer to mark the item done (evidence never sets it by itself).
fn evidence_badge(
    ui: &mut Ui,
    derived: &Derived,
    ev: &crate::evidence::TodoEvidence,
    item: &crate::checklist::Item,
    state: &mut crate::project::TodoState,
) {
    let (text, fill) = if ev.failed > 0 {
        (format!(" {} failing ", ev.failed), egui::Color32::from_rgb(0xC6, 0x28, 0x28))
    } else if ev.passed > 0 {
        (format!(" {} pass ", ev.passed), egui::Color32::from_rgb(0x2E, 0x7D, 0x32))
    } else {
        (format!(" {} accepted ", ev.accepted), egui::Color32::from_rgb(0x60, 0x60, 0x60))
    };
    let badge =
        ui.label(RichText::new(text).color(egui::Color32::WHITE).background_color(fill).small().strong());
    badge.on_hover_ui(|ui| {
        ui.set_max_width(460.0);
        ui.strong(format!("Scanner findings: {}", ev.summary()));
        for r in ev.resources.iter().take(20) {
            let who = r
                .component
                .and_then(|c| derived.node(crate::project::ComponentId(c)))
                .map(|n| n.display.clone())
                .map_or(String::new(), |d| format!(" · {d}"));
            let mark = match r.status {
                crate::evidence::Status::Failed => "fail",
                crate::evidence::Status::Passed => "pass",
                crate::evidence::Status::Accepted => "accepted",
            };
            ui.label(RichText::new(format!("{mark} {} ({}){who}", r.id, r.check)).small());
        }
        if ev.resources.len() > 20 {
            ui.weak(format!("and {} more", ev.resources.len() - 20));
        }
    });
    if ev.all_pass() && item.state.status != Status::Done {
        let ask = format!("All {} pass — mark done?", ev.passed);
        if ui.small_button(ask).on_hover_text("The findings suggest it; the status is yours to set").clicked()
        {
            state.status = Status::Done;
        }
    }
}

fn status_text(s: Status) -> &'static str {
    match s {
        Status::Open => "○ Open",
        Status::InProgress => "◐ In progress",
        Status::Done => "● Done",
        Status::NotApplicable => "⊘ Not applicable",
    }
}

fn filters(ui: &mut Ui, catalog: &Catalog, project: &Project, derived: &Derived, view: &mut ViewState) {
    let f = &mut view.filter;
    let statuses = [
        StatusFilter::All,
        StatusFilter::Unfinished,
        StatusFilter::Is(Status::Open),
        StatusFilter::Is(Status::InProgress),
        StatusFilter::Is(Status::Done),
        StatusFilter::Is(Status::NotApplicable),
    ];
    egui::ComboBox::from_id_salt("filter-status")
        .selected_text(f.status.title())
        .show_ui(ui, |ui| {
            for s in statuses {
                ui.selectable_value(&mut f.status, s, s.title());
            }
        })
        .response
        .on_hover_text("Filter by status");
    egui::ComboBox::from_id_salt("filter-domain")
        .selected_text(f.domain.map_or("Any domain", |d| d.title()))
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut f.domain, None, "Any domain");
            for d in Domain::ALL {
                ui.selectable_value(&mut f.domain, Some(*d), d.title());
            }
        })
        .response
        .on_hover_text("Filter by domain");
    let prio_text = |p: Option<Priority>| match p {
        None => "Any priority",
        Some(Priority::Critical) => "Critical only",
        Some(Priority::High) => "High and above",
        Some(Priority::Medium) => "Medium and above",
        Some(Priority::Low) => "Low and above",
    };
    egui::ComboBox::from_id_salt("filter-priority")
        .selected_text(prio_text(f.priority))
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut f.priority, None, prio_text(None));
            for p in [Priority::Critical, Priority::High, Priority::Medium] {
                ui.selectable_value(&mut f.priority, Some(p), prio_text(Some(p)));
            }
        })
        .response
        .on_hover_text("Filter by priority");
    let comp_text = match f.component {
        ComponentFilter::All => "All components".to_string(),
        ComponentFilter::Selected => "Selected components".to_string(),
        ComponentFilter::One(id) => derived.node(id).map_or("?".into(), |n| n.display.clone()),
    };
    egui::ComboBox::from_id_salt("filter-component")
        .selected_text(comp_text)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut f.component, ComponentFilter::All, "All components");
            ui.selectable_value(&mut f.component, ComponentFilter::Selected, "Selected components");
            for (i, c) in project.components.iter().enumerate() {
                let info = derived.info(catalog, i, c);
                ui.selectable_value(&mut f.component, ComponentFilter::One(c.id), &info.display);
            }
        })
        .response
        .on_hover_text("Filter by component");
}

/// The framework picker: show only the items that address one framework version.
fn framework_picker(ui: &mut Ui, catalog: &Catalog, view: &mut ViewState) {
    let versions = catalog.framework_versions();
    if versions.is_empty() {
        return;
    }
    let f = &mut view.filter;
    let text = f.framework.and_then(|i| versions.get(i)).map_or("Any framework", |v| v.name.as_str());
    egui::ComboBox::from_id_salt("filter-framework")
        .selected_text(text)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut f.framework, None, "Any framework");
            for (i, v) in versions.iter().enumerate() {
                ui.selectable_value(&mut f.framework, Some(i), &v.name);
            }
        })
        .response
        .on_hover_text(
            "Show only the items that address a framework's requirements, and list its requirements",
        );
}

/// For the chosen framework version: how many requirements the design addresses, and (opened)
/// each requirement with its status and items, then those no item addresses.
fn framework_summary(
    ui: &mut Ui,
    catalog: &Catalog,
    project: &Project,
    derived: &Derived,
    fv: &crate::catalog::compliance::FrameworkVersion,
) {
    let (addressed, not) = derived.framework_counts(catalog, fv);
    let header =
        format!("{}: {addressed} requirement(s) addressed by this design, {not} not addressed", fv.name);
    egui::CollapsingHeader::new(header).id_salt("framework-requirements").show(ui, |ui| {
        // Made when first opened, then kept until the project changes.
        let view = derived.framework_rows(catalog, project, fv);
        egui::ScrollArea::vertical().id_salt("framework-requirements-list").max_height(220.0).show(
            ui,
            |ui| {
                for row in &view.rows {
                    let items: Vec<&str> =
                        row.items.iter().map(|&i| derived.checklist.items[i].todo.title.as_str()).collect();
                    ui.horizontal_wrapped(|ui| {
                        ui.strong(&row.id);
                        ui.label(elide(&row.title, 80));
                        ui.weak(format!("· {} · {}", status_text(row.status), row.responsibility.id()));
                    })
                    .response
                    .on_hover_text(format!("Items: {}", items.join("; ")));
                }
                if !view.not_addressed.is_empty() {
                    ui.separator();
                    ui.strong(format!("Not addressed by this design ({})", view.not_addressed.len()));
                    for (id, title) in &view.not_addressed {
                        ui.weak(format!("{id} {}", elide(title, 80)));
                    }
                }
            },
        );
    });
}
