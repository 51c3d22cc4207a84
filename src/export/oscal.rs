//! `report --format oscal`: an OSCAL 1.1 component-definition in JSON.
//!
//! One OSCAL component per placed component (and per VPC box, which has the `vpc` stack). Each
//! carries two kinds of control implementation:
//! - the responsibility stack (source `urn:srm-planner:responsibility-layers`): one implemented
//!   requirement per layer, with a statement for what AWS provides and one for what the customer
//!   is responsible for, each with its responsible role (`provider` or `customer`);
//! - per framework version the component's to-dos address (NIST SP 800-53 r5, PCI DSS 4.0.1,
//!   CIS, ISO/IEC 27001:2022): one implemented requirement per requirement, naming the
//!   customer's to-dos that answer it (with their status) and their Security Hub control ids.
//!
//! UUIDs are name-based (v5) from the project and the things they name, so the same project
//! gives the same document; `last-modified` is the report's time.

use super::Report;
use super::json::{Lazy, write_pretty};
use crate::catalog::compliance::TodoRequirements;
use crate::checklist::Subject;
use crate::vocab::{Layer, Owner};
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};

/// Namespace of our own properties.
const NS: &str = "https://github.com/srm-planner/srm-planner/ns/oscal";
/// The `source` of the responsibility-stack control implementation.
const LAYERS_SOURCE: &str = "urn:srm-planner:responsibility-layers";
/// OSCAL version written.
const OSCAL_VERSION: &str = "1.1.2";

fn uuid(project: &str, what: &str) -> String {
    // A fixed namespace of our own (a v5 UUID of our name in the URL namespace).
    static NS: std::sync::OnceLock<uuid::Uuid> = std::sync::OnceLock::new();
    let ns = NS.get_or_init(|| {
        uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, b"https://github.com/srm-planner/srm-planner")
    });
    uuid::Uuid::new_v5(ns, format!("{project}\u{0}{what}").as_bytes()).to_string()
}

/// An OSCAL `prop` of our namespace; OSCAL wants values without outer whitespace, never empty.
fn prop(name: &str, value: &str) -> Option<Value> {
    let v = clean(value);
    (!v.is_empty()).then(|| json!({"name": name, "ns": NS, "value": v}))
}

/// Text for OSCAL: no control characters, one trimmed line.
fn clean(s: &str) -> String {
    // Control characters become visible escapes; runs of white space (line feeds included)
    // one space, so every value is one trimmed line.
    crate::text::sanitize(s, crate::text::Lines::Keep).split_whitespace().collect::<Vec<_>>().join(" ")
}

fn markup(s: &str) -> String {
    let c = clean(s);
    if c.is_empty() { "(none)".to_string() } else { c }
}

/// An OSCAL control id for a requirement id: NIST's own form (`sc-28`, `ac-2.1`), otherwise
/// `req-` and the id (OSCAL ids are tokens that start with a letter).
fn control_id(framework: &str, req: &str) -> String {
    if framework.starts_with("nist-800-53") {
        let lower = req.to_ascii_lowercase();
        match lower.split_once('(') {
            Some((base, enh)) => format!("{base}.{}", enh.trim_end_matches(')')),
            None => lower,
        }
    } else {
        let token: String = req
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || c == '.' || c == '-' { c } else { '-' })
            .collect();
        format!("req-{token}")
    }
}

/// The layer statements of one stack.
fn layer_requirements(
    r: &Report<'_>,
    mine: &[usize],
    subject: Subject,
    stack: &crate::catalog::Stack,
    key: &str,
) -> Vec<Value> {
    let project = &r.project.name;
    Layer::ALL
        .iter()
        .map(|&layer| {
            let e = stack.get(layer);
            let _ = subject;
            let todos: Vec<&crate::checklist::Item> = mine
                .iter()
                .map(|&i| &r.checklist.items[i])
                .filter(|i| i.todo.layers.contains(&layer))
                .collect();
            let mut statements = Vec::new();
            let sid = |part: &str| format!("{}_smt.{part}", layer.id());
            if matches!(e.owner, Owner::Aws | Owner::Shared) {
                let when = match e.aws_part {
                    Some(crate::vocab::AwsPart::OptIn) => {
                        " AWS's part works once the customer switches it on."
                    }
                    Some(crate::vocab::AwsPart::OnByDefault) => " AWS's part is on by default.",
                    None => "",
                };
                statements.push(json!({
                    "statement-id": sid("provided"),
                    "uuid": uuid(project, &format!("{key}/{}/provided", layer.id())),
                    "description": markup(&format!("Provided by AWS: {}{when}", e.note)),
                    "responsible-roles": [{"role-id": "provider"}],
                }));
            }
            if matches!(e.owner, Owner::Customer | Owner::Shared) {
                let mut text = format!("Customer responsibility: {}", e.note);
                if !todos.is_empty() {
                    let list: Vec<String> =
                        todos.iter().map(|i| format!("{} ({})", i.todo.title, i.todo.id)).collect();
                    text += &format!(" To do: {}.", list.join("; "));
                }
                statements.push(json!({
                    "statement-id": sid("responsibility"),
                    "uuid": uuid(project, &format!("{key}/{}/responsibility", layer.id())),
                    "description": markup(&text),
                    "responsible-roles": [{"role-id": "customer"}],
                }));
            }
            let mut props: Vec<Value> =
                [prop("responsibility", e.owner.id())].into_iter().flatten().collect();
            if let Some(p) = e.aws_part {
                props.extend(prop("aws-part", p.id()));
            }
            let mut req = json!({
                "uuid": uuid(project, &format!("{key}/{}", layer.id())),
                "control-id": layer.id(),
                "description": markup(&format!("{}: {}. {}", layer.title(), e.owner.title(), e.note)),
                "props": props,
            });
            if statements.is_empty() {
                req["remarks"] = json!(markup(&format!("Not applicable: {}", e.note)));
            } else {
                req["statements"] = Value::Array(statements);
            }
            req
        })
        .collect()
}

/// The framework control implementations of one subject: per framework version, each
/// requirement its items address, with the items as the customer's statements.
fn framework_implementations(
    r: &Report<'_>,
    reqs_of: &[TodoRequirements],
    mine: &[usize],
    key: &str,
) -> Vec<Value> {
    let project = &r.project.name;
    let mine: Vec<(&crate::checklist::Item, &TodoRequirements)> =
        mine.iter().map(|&i| (&r.checklist.items[i], &reqs_of[i])).collect();
    let mut out = Vec::new();
    for fv in r.catalog.framework_versions() {
        if r.framework.as_ref().is_some_and(|f| f.version.id != fv.id) {
            continue;
        }
        // requirement id -> items (with the controls that map them)
        let mut reqs: BTreeMap<String, Vec<(&crate::checklist::Item, Vec<String>)>> = BTreeMap::new();
        for &(item, all) in &mine {
            let Some(these) = all.get(&fv.id) else { continue };
            for (req, sources) in these {
                let via: Vec<String> = sources
                    .iter()
                    .filter_map(|s| match s {
                        crate::catalog::compliance::RequirementSource::Control(c)
                        | crate::catalog::compliance::RequirementSource::Check(c) => Some(c.clone()),
                        crate::catalog::compliance::RequirementSource::Todo => None,
                    })
                    .collect();
                reqs.entry(req.clone()).or_default().push((item, via));
            }
        }
        if reqs.is_empty() {
            continue;
        }
        let order: BTreeMap<&str, usize> =
            fv.requirements.iter().enumerate().map(|(i, q)| (q.id.as_str(), i)).collect();
        let mut ids: Vec<&String> = reqs.keys().collect();
        ids.sort_by_key(|id| (order.get(id.as_str()).copied().unwrap_or(usize::MAX), (*id).clone()));
        let implemented: Vec<Value> = ids
            .into_iter()
            .map(|req| {
                let items = &reqs[req];
                let title = order.get(req.as_str()).map(|&i| fv.requirements[i].title.as_str()).unwrap_or("");
                // The customer's to-dos that answer it, by title and id; their controls as props.
                let todos: Vec<String> =
                    items.iter().map(|(item, _)| format!("{} ({}, {})", item.todo.title, item.todo.id, item.state.status)).collect();
                let mut controls: Vec<&str> = items.iter().flat_map(|(_, via)| via.iter().map(String::as_str)).collect();
                controls.sort_unstable();
                controls.dedup();
                let props: Vec<Value> = prop("requirement-id", req)
                    .into_iter()
                    .chain(items.iter().filter_map(|(item, _)| prop("todo", &item.todo.id)))
                    .chain(controls.iter().filter_map(|c| prop("control", c)))
                    .collect();
                json!({
                    "uuid": uuid(project, &format!("{key}/{}/{req}", fv.id)),
                    "control-id": control_id(&fv.id, req),
                    "description": markup(&format!("{req} {title}. Customer responsibility: {}.", todos.join("; "))),
                    "props": props,
                    "responsible-roles": [{"role-id": "customer"}],
                })
            })
            .collect();
        out.push(json!({
            "uuid": uuid(project, &format!("{key}/{}", fv.id)),
            // One source per version: its OSCAL catalog where the catalog cites one (NIST's),
            // else a name of ours (both CIS versions share a web page).
            "source": fv
                .sources
                .iter()
                .find(|s| s.ends_with(".json"))
                .cloned()
                .unwrap_or_else(|| format!("urn:srm-planner:framework:{}", fv.id)),
            "description": markup(&format!("{}: the requirements this component's customer to-dos address.", fv.name)),
            "props": (prop("framework", &fv.id).into_iter().collect::<Vec<_>>()),
            "implemented-requirements": implemented,
        }));
    }
    out
}

/// What every component looks up: each item's requirements, and the items covering a subject.
struct Lookup<'a> {
    reqs_of: &'a [TodoRequirements],
    index: &'a HashMap<Subject, Vec<usize>>,
}

fn component(
    r: &Report<'_>,
    look: &Lookup<'_>,
    subject: Subject,
    key: &str,
    title: String,
    service: &crate::catalog::Service,
    variant: &crate::catalog::Variant,
) -> Value {
    let project = &r.project.name;
    let (reqs_of, index) = (look.reqs_of, look.index);
    let mine: &[usize] = index.get(&subject).map_or(&[], Vec::as_slice);
    let mut implementations = vec![json!({
        "uuid": uuid(project, &format!("{key}/layers")),
        "source": LAYERS_SOURCE,
        "description": markup(&format!(
            "Who secures each of the 13 layers of {} under the AWS Shared Responsibility Model.",
            service.name
        )),
        "implemented-requirements": layer_requirements(r, mine, subject, &variant.layers, key),
    })];
    implementations.extend(framework_implementations(r, reqs_of, mine, key));
    let mut props: Vec<Value> =
        [prop("service", &service.id), prop("category", service.category_of(variant).id())]
            .into_iter()
            .flatten()
            .collect();
    if service.has_variants() {
        props.extend(prop("variant", &variant.id));
    }
    json!({
        "uuid": uuid(project, key),
        "type": "service",
        "title": markup(&title),
        "description": markup(&format!("{}: {}", service.name, service.description)),
        "props": props,
        "control-implementations": implementations,
    })
}

/// Writes the component-definition to `out`, one component at a time.
pub(super) fn write(r: &Report<'_>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let project = &r.project.name;
    let modified = r.generated.clone().unwrap_or_else(now);
    // Which items cover each subject, found once.
    let mut index: HashMap<Subject, Vec<usize>> = HashMap::new();
    for (i, item) in r.checklist.items.iter().enumerate() {
        for c in &item.covers {
            index.entry(c.subject).or_default().push(i);
        }
    }
    let index = &index;
    // Each item's requirements, found once.
    let reqs_of: Vec<TodoRequirements> =
        r.checklist.items.iter().map(|i| r.catalog.todo_requirements(&i.todo)).collect();
    let look = Lookup { reqs_of: &reqs_of, index };
    let look = &look;
    let components = Lazy(|| {
        let placed = r.stacks.iter().filter_map(|(c, s)| {
            let s = s.as_ref()?;
            let title = c.display_name(Some(&s.service.name)).to_string();
            Some(component(
                r,
                look,
                Subject::Component(c.id),
                &format!("component/{}", c.id.0),
                title,
                s.service,
                s.variant,
            ))
        });
        let boxes = r.boundary_stacks.iter().filter_map(|(b, s)| {
            let (service, variant) = (*s)?;
            Some(component(
                r,
                look,
                Subject::Boundary(b.id),
                &format!("boundary/{}", b.id.0),
                format!("{} (VPC boundary)", b.display_name()),
                service,
                variant,
            ))
        });
        placed.chain(boxes)
    });
    #[derive(serde::Serialize)]
    struct Doc<C> {
        #[serde(rename = "component-definition")]
        definition: Definition<C>,
    }
    #[derive(serde::Serialize)]
    struct Definition<C> {
        uuid: String,
        metadata: Value,
        /// OSCAL arrays are never empty: left out when nothing has a stack.
        #[serde(skip_serializing_if = "Option::is_none")]
        components: Option<C>,
    }
    let any = r.stacks.iter().any(|(_, s)| s.is_some()) || r.boundary_stacks.iter().any(|(_, s)| s.is_some());
    let doc = Doc {
        definition: Definition {
            uuid: uuid(project, "component-definition"),
            metadata: json!({
                "title": markup(&format!("Shared responsibility: {}", if project.trim().is_empty() { "untitled project" } else { project })),
                "last-modified": modified,
                "version": env!("CARGO_PKG_VERSION"),
                "oscal-version": OSCAL_VERSION,
                "roles": [
                    {"id": "provider", "title": "Cloud service provider (AWS)"},
                    {"id": "customer", "title": "AWS customer"},
                ],
                "remarks": markup(&format!(
                    "Made by srm-planner {} from the project's components and the catalog's responsibility stacks and to-dos.",
                    env!("CARGO_PKG_VERSION")
                )),
            }),
            components: any.then_some(components),
        },
    };
    write_pretty(out, &doc)
}

/// Now, as OSCAL's date-time (RFC 3339, UTC).
fn now() -> String {
    time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .ok()
        .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_ids_are_oscal_tokens() {
        assert_eq!(control_id("nist-800-53-r5", "AC-2(1)"), "ac-2.1");
        assert_eq!(control_id("nist-800-53-r5", "SC-28"), "sc-28");
        assert_eq!(control_id("pci-dss-4.0.1", "3.5.1"), "req-3.5.1");
        assert_eq!(control_id("iso-27001-2022", "A.8.9"), "req-A.8.9");
    }
}
