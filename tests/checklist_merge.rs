//! The consolidated checklist: merging by id, conditions, grouping and determinism.

mod common;
use common::*;
use srm_planner::checklist::{Scope, build};
use srm_planner::project::ComponentId;
use srm_planner::vocab::{DataClass, Domain, Status};

fn ids_for(cat: &srm_planner::catalog::Catalog, p: &srm_planner::project::Project, c: u64) -> Vec<String> {
    build(cat, p)
        .items
        .iter()
        .filter(|i| i.covers_component(ComponentId(c)))
        .map(|i| i.todo.id.clone())
        .collect()
}

#[test]
fn empty_project_has_an_empty_checklist() {
    let cat = test_catalog();
    assert!(build(&cat, &project(vec![], vec![])).items.is_empty());
}

#[test]
fn same_todo_on_two_components_is_one_item_covering_both() {
    let cat = test_catalog();
    let p = project(vec![comp(1, "svc", "A"), comp(2, "svc", "B")], vec![]);
    let list = build(&cat, &p);
    let always: Vec<_> = list.items.iter().filter(|i| i.todo.id == "svc.always").collect();
    assert_eq!(always.len(), 1);
    let covered: Vec<_> =
        always[0].covers.iter().map(|c| (c.subject.component().unwrap().0, c.label.as_str())).collect();
    assert_eq!(covered, vec![(1, "A"), (2, "B")]);
    assert!(matches!(always[0].scope, Scope::Service { ref id, .. } if id == "svc"));
    // The account baseline is there once, covering no component.
    let acct = list.item("account.root-mfa").expect("account baseline applies");
    assert_eq!(acct.scope, Scope::Account);
    assert!(acct.covers.is_empty());
}

#[test]
fn internet_facing_and_data_conditions_follow_attributes() {
    let cat = test_catalog();
    let mut public = comp(1, "svc", "Public");
    public.internet_facing = true;
    let mut secret = comp(2, "svc", "Secret");
    secret.data = DataClass::Confidential;
    let mut regulated = comp(3, "svc", "Regulated");
    regulated.data = DataClass::Regulated;
    let p = project(vec![public, secret, regulated], vec![]);
    let one = ids_for(&cat, &p, 1);
    assert!(one.contains(&"svc.public".to_string()) && one.contains(&"svc.exposed".to_string()));
    assert!(!one.contains(&"svc.private".to_string()) && !one.contains(&"svc.secret".to_string()));
    let two = ids_for(&cat, &p, 2);
    assert!(two.contains(&"svc.secret".to_string()) && two.contains(&"svc.private".to_string()));
    assert!(!two.contains(&"svc.regulated".to_string()) && !two.contains(&"svc.public".to_string()));
    let three = ids_for(&cat, &p, 3);
    assert!(three.contains(&"svc.secret".to_string()) && three.contains(&"svc.regulated".to_string()));
}

#[test]
fn unencrypted_flow_from_internet_facing_component_brings_in_transit_items() {
    let cat = test_catalog();
    let mut lb = comp(1, "svc", "LB");
    lb.internet_facing = true;
    let p = project(
        vec![lb, comp(2, "svc", "App"), comp(3, "svc", "DB"), comp(4, "svc", "Lonely")],
        vec![link(1, 2, false), link(2, 3, true)],
    );
    let list = build(&cat, &p);
    let item = list.item("svc.tls-from-internet").unwrap();
    let covered: Vec<u64> = item.covers.iter().map(|c| c.subject.component().unwrap().0).collect();
    assert_eq!(covered, vec![2], "only App is reached unencrypted from the internet-facing LB");
    assert!(item.covers[0].reason.contains("LB"), "{}", item.covers[0].reason);
    // App receives internet traffic through the LB; DB only through App (not internet-facing).
    let exposed: Vec<u64> =
        list.item("svc.exposed").unwrap().covers.iter().map(|c| c.subject.component().unwrap().0).collect();
    assert_eq!(exposed, vec![1, 2]);
    let any: Vec<u64> = list
        .item("svc.tls-anywhere")
        .unwrap()
        .covers
        .iter()
        .map(|c| c.subject.component().unwrap().0)
        .collect();
    assert_eq!(any, vec![1, 2]);
    let linked: Vec<u64> =
        list.item("svc.linked").unwrap().covers.iter().map(|c| c.subject.component().unwrap().0).collect();
    assert_eq!(linked, vec![1, 2, 3]);
    // Encrypting the flow removes the item.
    let mut p2 = p.clone();
    p2.connections[0].encrypted = true;
    assert!(build(&cat, &p2).item("svc.tls-from-internet").is_none());
}

#[test]
fn grouped_by_domain_then_priority_and_status_comes_from_the_project() {
    let cat = test_catalog();
    let mut p = project(vec![comp(1, "svc", "A")], vec![]);
    p.set_todo_state(
        "svc.always",
        srm_planner::project::TodoState { status: Status::Done, assignee: "Ana".into(), note: String::new() },
    );
    let list = build(&cat, &p);
    let domains: Vec<Domain> = list.by_domain().iter().map(|(d, _)| *d).collect();
    assert_eq!(domains, vec![Domain::Identity, Domain::Network]);
    for w in list.items.windows(2) {
        assert!((w[0].todo.domain, w[0].todo.priority) <= (w[1].todo.domain, w[1].todo.priority));
    }
    assert_eq!(list.item("svc.always").unwrap().state.status, Status::Done);
    let (done, total) = list.progress();
    assert_eq!((done, total), (1, list.items.len()));
}

#[test]
fn unknown_services_get_no_items_but_do_not_stop_the_others() {
    let cat = test_catalog();
    let p = project(vec![comp(1, "mainframe-x", "Legacy"), comp(2, "svc", "A")], vec![link(1, 2, false)]);
    let list = build(&cat, &p);
    assert!(list.items.iter().all(|i| !i.covers_component(ComponentId(1))));
    assert!(list.item("svc.always").is_some());
}
