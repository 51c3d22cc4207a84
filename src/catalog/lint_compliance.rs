//! The lint's compliance rules: every control a to-do names is described in the `controls`
//! section, evaluates a resource of the to-do's service (and of the variants it is limited to),
//! and lists requirements of known framework versions with ids those versions have; framework
//! versions, check mappings and scope exclusions are well-formed.

use super::compliance::{Requirements, is_requirement_id};
use super::lint::{LintIssue, is_aws_url, is_control_id, is_kebab};
use super::{Catalog, Service, Todo};
use std::collections::{HashMap, HashSet};

/// Every compliance issue of the catalog.
pub(super) fn issues(cat: &Catalog) -> Vec<LintIssue> {
    let mut out = Vec::new();
    let known = Known::of(cat);

    // Framework versions.
    for fv in cat.framework_versions() {
        let place = format!("framework version `{}`", fv.id);
        if !is_kebab(&fv.id.replace('.', "-")) {
            out.push(issue(&place, "id must be lowercase kebab-case (dots allowed in the version)".into()));
        }
        if fv.sources.is_empty() || !fv.sources.iter().all(|s| s.starts_with("https://")) {
            out.push(issue(&place, "needs at least one https source".into()));
        }
        let mut seen = HashSet::new();
        for r in &fv.requirements {
            if !seen.insert(r.id.as_str()) {
                out.push(issue(&place, format!("requirement `{}` is listed twice", r.id)));
            }
            if !is_requirement_id(&fv.id, &r.id) {
                out.push(issue(&place, format!("`{}` is not a well-formed requirement id", r.id)));
            }
            if r.title.trim().is_empty() {
                out.push(issue(&place, format!("requirement `{}` has no title", r.id)));
            }
        }
    }
    for m in cat.check_mappings() {
        let place = format!("check mapping `{}` from {}", m.framework, m.tool);
        if !m.source.starts_with("https://") {
            out.push(issue(&place, "needs an https source".into()));
        }
        if !matches!(m.tool.as_str(), "prowler" | "checkov") {
            out.push(issue(&place, format!("tool `{}` is not prowler or checkov", m.tool)));
        }
        let as_reqs: Requirements =
            [(m.framework.clone(), m.checks.values().flatten().cloned().collect())].into();
        known.check(&place, &as_reqs, &mut out);
    }

    // Controls.
    for c in cat.controls() {
        let place = format!("control `{}`", c.id);
        if !is_control_id(&c.id) {
            out.push(issue(&place, "is not of the form `Service.N`".into()));
        }
        if c.checks.trim().is_empty() {
            out.push(issue(&place, "`checks` must say what it checks".into()));
        }
        if !is_aws_url(&c.source) {
            out.push(issue(&place, "source must be its Security Hub page (https, AWS domain)".into()));
        }
        known.check(&place, &c.requirements, &mut out);
    }

    // To-dos: controls described, of the right resource type; own requirements valid.
    for svc in cat.services() {
        service(cat, &known, svc, &mut out);
    }
    for t in cat.account_todos() {
        todo_issues(cat, &known, "account", t, None, &mut out);
    }
    for t in cat.architecture_todos() {
        todo_issues(cat, &known, "architecture", t, None, &mut out);
    }
    for fw in cat.frameworks() {
        let place = format!("framework `{}`", fw.id);
        for t in &fw.todos {
            todo_issues(cat, &known, &place, t, None, &mut out);
        }
        for x in &fw.exclusions {
            match cat.service(&x.service) {
                None => out.push(issue(&place, format!("exclusion names unknown service `{}`", x.service))),
                Some(svc) => {
                    for v in &x.variants {
                        if !svc.variants.iter().any(|sv| &sv.id == v) {
                            out.push(issue(
                                &place,
                                format!("exclusion names variant `{v}`, which `{}` does not have", svc.id),
                            ));
                        }
                    }
                }
            }
            if x.note.trim().is_empty() || !is_aws_url(&x.source) {
                out.push(issue(
                    &place,
                    format!("exclusion for `{}` needs a note and an AWS source", x.service),
                ));
            }
        }
    }
    out
}

/// The compliance issues of some services as they sit in `cat` (what loading a user catalog
/// checks of the file's services, without linting the rest of the catalog).
pub(super) fn service_issues<'a>(
    cat: &Catalog,
    services: impl IntoIterator<Item = &'a Service>,
) -> Vec<LintIssue> {
    let known = Known::of(cat);
    let mut out = Vec::new();
    for svc in services {
        service(cat, &known, svc, &mut out);
    }
    out
}

fn service(cat: &Catalog, known: &Known<'_>, svc: &Service, out: &mut Vec<LintIssue>) {
    let place = format!("service `{}`", svc.id);
    for t in &svc.todos {
        todo_issues(cat, known, &place, t, Some(svc), out);
    }
}

/// The requirement ids of each framework version the catalog lists.
struct Known<'c>(HashMap<&'c str, HashSet<&'c str>>);

impl<'c> Known<'c> {
    fn of(cat: &'c Catalog) -> Self {
        Known(
            cat.framework_versions()
                .iter()
                .map(|f| (f.id.as_str(), f.requirements.iter().map(|r| r.id.as_str()).collect()))
                .collect(),
        )
    }

    /// Requirement lists name known framework versions, with well-formed ids they have.
    fn check(&self, place: &str, reqs: &Requirements, out: &mut Vec<LintIssue>) {
        for (fw, ids) in reqs {
            let Some(list) = self.0.get(fw.as_str()) else {
                out.push(issue(place, format!("requirements name unknown framework version `{fw}`")));
                continue;
            };
            for id in ids {
                if !is_requirement_id(fw, id) {
                    out.push(issue(place, format!("`{id}` is not a well-formed {fw} requirement id")));
                } else if !list.is_empty() && !list.contains(id.as_str()) {
                    out.push(issue(place, format!("{fw} has no requirement `{id}`")));
                }
            }
        }
    }
}

/// A to-do's controls are described and evaluate its service's variants; its own
/// requirements are valid.
fn todo_issues(
    cat: &Catalog,
    known: &Known<'_>,
    place: &str,
    t: &Todo,
    svc: Option<&Service>,
    out: &mut Vec<LintIssue>,
) {
    for id in t.all_controls() {
        let Some(def) = cat.control(id) else {
            out.push(todo_issue(place, t, format!("control `{id}` has no entry in a `controls` section")));
            continue;
        };
        if let Some(svc) = svc {
            out.extend(control_fit(place, svc, t, id, &def.resource_types));
        }
    }
    let place_t = format!("{place} to-do `{}`", t.id);
    let mut sub = Vec::new();
    known.check(&place_t, &t.requirements, &mut sub);
    for mut i in sub {
        i.todo = Some(t.id.clone());
        out.push(i);
    }
}

/// Does a control evaluate the variants the to-do covers? A control whose resource types are,
/// through the service's resource rules, only variants the to-do does not cover is on the
/// wrong to-do.
fn control_fit(place: &str, svc: &Service, t: &Todo, id: &str, types: &[String]) -> Vec<LintIssue> {
    let mut out = Vec::new();
    if types.is_empty() {
        return out;
    }
    // A control may evaluate another service's resource when this service runs on it (ECS
    // container instances are EC2 instances), so only the variant fit is checked.
    let own = |ty: &str| svc.resource_types.iter().any(|x| super::iac::type_matches(x, ty));
    if !svc.has_variants() {
        return out;
    }
    // The variants each of the control's types can be, per the service's resource rules.
    let mut reachable: HashSet<&str> = HashSet::new();
    let mut open = false;
    for ty in types.iter().filter(|ty| own(ty)) {
        let rules: Vec<_> = svc
            .resource_rules
            .iter()
            .filter(|r| r.types.iter().any(|x| super::iac::type_matches(x, ty)))
            .collect();
        if rules.is_empty() || rules.iter().any(|r| r.variant.is_none()) {
            open = true;
        }
        reachable.extend(rules.iter().filter_map(|r| r.variant.as_deref()));
    }
    if open || reachable.is_empty() {
        return out;
    }
    let covered: Vec<&str> = if t.variants.is_empty() {
        svc.variants.iter().map(|v| v.id.as_str()).collect()
    } else {
        t.variants.iter().map(String::as_str).collect()
    };
    let outside: Vec<&str> = covered.iter().copied().filter(|v| !reachable.contains(v)).collect();
    if !outside.is_empty() {
        let mut only: Vec<&str> = reachable.into_iter().collect();
        only.sort_unstable();
        out.push(todo_issue(
            place,
            t,
            format!(
                "control `{id}` evaluates only variant(s) {} but the to-do also covers {}: limit it or move the control",
                only.join(", "),
                outside.join(", ")
            ),
        ));
    }
    out
}

fn issue(place: &str, message: String) -> LintIssue {
    LintIssue { place: place.to_string(), message, todo: None }
}

fn todo_issue(place: &str, t: &Todo, message: String) -> LintIssue {
    LintIssue { place: format!("{place} to-do `{}`", t.id), message, todo: Some(t.id.clone()) }
}
