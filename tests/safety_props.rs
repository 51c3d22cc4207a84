//! Property tests of the project file: any project survives save → load unchanged (unknown
//! fields included); any bytes, and any mutation of a valid file, load or fail with a positioned
//! error, never a panic.

use proptest::prelude::*;
use srm_planner::project::{
    Anchor, Boundary, BoundaryId, Component, ComponentId, Connection, Pos, Project, Rect, TodoState,
    UnknownFields, load_file, load_str, save_file, to_ron_string,
};
use srm_planner::vocab::{DataClass, Framework, Status};
use std::collections::BTreeSet;

fn finite() -> impl Strategy<Value = f32> {
    use proptest::num::f32::*;
    POSITIVE | NEGATIVE | NORMAL | SUBNORMAL | ZERO
}

/// Any text, weighted towards what breaks serialisers: quotes, escapes, control and bidi
/// characters, RON syntax, very long strings.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => any::<String>(),
        2 => "[\"\\\\(){}\\[\\],:#/*\r\n\t\u{0}\u{7f}\u{202e}\u{feff}a-z]{0,24}",
        1 => Just("=HYPERLINK(\"http://x\")".to_string()),
        1 => Just("\")]), format: 99, x: (\"".to_string()),
        1 => "[a-z]{1,8}".prop_map(|s| s.repeat(500)),
    ]
}

fn data_class() -> impl Strategy<Value = DataClass> {
    prop::sample::select(DataClass::ALL.to_vec())
}

fn component() -> impl Strategy<Value = Component> {
    (
        text(),
        prop::option::of(text()),
        text(),
        (finite(), finite()),
        any::<bool>(),
        data_class(),
        prop::option::of(text()),
        prop_oneof![Just("ec2".to_string()), Just("s3".to_string()), text()],
    )
        .prop_map(|(label, variant, notes, (x, y), internet_facing, data, source, service)| Component {
            id: ComponentId(0),
            service,
            variant,
            label,
            position: Pos { x, y },
            internet_facing,
            data,
            notes,
            boundary: None,
            source,
        })
}

/// RON values an unknown field may hold.
fn ron_value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("3".to_string()),
        Just("-1.5e7".to_string()),
        Just("Some(\"teal\")".to_string()),
        Just("(a: 1, b: [\"x\", \"y\"], c: {\"k\": None})".to_string()),
        Just("Circle(radius: 2.0)".to_string()),
        Just("[(1, 2), (3, 4)]".to_string()),
        Just("'c'".to_string()),
        Just("()".to_string()),
        any::<String>().prop_map(|s| ron::to_string(&s).unwrap()),
    ]
}

fn field_name() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9_]{0,10}".prop_filter("not a known field", |n| {
        ![
            "format",
            "name",
            "description",
            "compliance",
            "components",
            "connections",
            "todos",
            "id",
            "service",
            "variant",
            "label",
            "position",
            "internet_facing",
            "data",
            "notes",
            "from",
            "to",
            "encrypted",
            "x",
            "y",
            "status",
            "assignee",
            "note",
            "boundaries",
            "boundary",
            "source",
            "kind",
            "parent",
            "rect",
            "w",
            "h",
        ]
        .contains(&n.as_str())
    })
}

prop_compose! {
    fn project()(
        name in text(),
        description in text(),
        compliance in prop::sample::subsequence(Framework::ALL.to_vec(), 0..=Framework::ALL.len()),
        comps in prop::collection::vec((component(), 1u64..u64::MAX), 0..8),
        links in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), text(), any::<bool>()), 0..8),
        todos in prop::collection::btree_map(text(), (prop::sample::select(Status::ALL.to_vec()), text(), text()), 0..5),
        extras in prop::collection::vec((0usize..6, any::<prop::sample::Index>(), field_name(), ron_value()), 0..6),
        boxes in prop::collection::vec((
            prop_oneof![Just("vpc".to_string()), Just("public-subnet".to_string()), Just("account".to_string()), text()],
            text(),
            any::<prop::sample::Index>(),
            (-50_000.0f32..50_000.0, -50_000.0f32..50_000.0, 60.0f32..5000.0, 60.0f32..5000.0),
        ), 0..5),
        members in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>()), 0..6),
    ) -> Project {
        let mut used = BTreeSet::new();
        let components: Vec<Component> = comps
            .into_iter()
            .filter(|(_, id)| used.insert(*id))
            .map(|(mut c, id)| { c.id = ComponentId(id); c })
            .collect();
        let connections: Vec<Connection> = if components.is_empty() {
            Vec::new()
        } else {
            links.into_iter().map(|(a, b, label, encrypted)| Connection {
                from: a.get(&components).id,
                to: b.get(&components).id,
                label,
                encrypted,
            }).collect()
        };
        let mut p = Project { name, description, compliance, components, connections, ..Project::default() };
        // Boundaries: each may sit in one listed before it (so parents never loop).
        for (i, (kind, label, parent, (x, y, w, h))) in boxes.into_iter().enumerate() {
            let parent = (i > 0 && parent.index(i + 1) < i).then(|| BoundaryId(parent.index(i + 1) as u64 + 1));
            p.boundaries.push(Boundary {
                id: BoundaryId(i as u64 + 1),
                kind,
                label,
                parent,
                rect: Rect { x, y, w, h },
                source: (i % 2 == 0).then(|| format!("module.net[\"{i}\"].aws_subnet.a")),
            });
        }
        if !p.boundaries.is_empty() && !p.components.is_empty() {
            for (c, b) in members {
                let id = b.get(&p.boundaries).id;
                let n = c.index(p.components.len());
                p.components[n].boundary = Some(id);
            }
        }
        for (id, (status, assignee, note)) in todos {
            p.todos.insert(id, TodoState { status, assignee, note });
        }
        let mut unknown = UnknownFields::default();
        let conn_anchors: Vec<Anchor> = {
            let mut seen = std::collections::BTreeMap::new();
            p.connections.iter().map(|k| {
                let n = seen.entry((k.from, k.to)).or_insert(0usize);
                *n += 1;
                Anchor::Connection { from: k.from, to: k.to, nth: *n - 1 }
            }).collect()
        };
        for (kind, at, name, value) in extras {
            let anchor = match kind {
                0 => Some(Anchor::Project),
                1 if !p.components.is_empty() => Some(Anchor::Component(at.get(&p.components).id)),
                2 if !p.components.is_empty() => Some(Anchor::Position(at.get(&p.components).id)),
                3 if !conn_anchors.is_empty() => Some(at.get(&conn_anchors).clone()),
                4 if !p.boundaries.is_empty() => Some(Anchor::Boundary(at.get(&p.boundaries).id)),
                5 if !p.boundaries.is_empty() => Some(Anchor::Rect(at.get(&p.boundaries).id)),
                _ => None,
            };
            if let Some(a) = anchor {
                assert!(unknown.insert(a, &name, &value), "{name}: {value}");
            }
        }
        p.unknown = unknown;
        p
    }
}

/// A valid file to mutate: every kind of field, unknown ones included.
const SEED: &str = r##"(
    format: 1,
    name: "Seed \"quoted\" \u{202e}",
    description: "multi\nline",
    compliance: ["hipaa", "gdpr"],
    theme: (dark: true),
    components: [
        (id: 1, service: "ec2", variant: None, label: "web", position: (x: 1.5, y: -2.0), internet_facing: true, data: "public", notes: ""),
        (id: 2, service: "ecs", variant: Some("fargate"), label: "api", position: (x: 0.0, y: 3.25, z: 1), internet_facing: false, data: "regulated", notes: "n", colour: "red"),
        (id: 3, service: "mystery", label: "?"),
    ],
    connections: [
        (from: 1, to: 2, label: "HTTPS", encrypted: true, port: 443),
        (from: 2, to: 3, label: "SQL", encrypted: false),
    ],
    todos: {
        "ec2.patch": (status: "in-progress", assignee: "Ana", note: "x", due: "friday"),
    },
)
"##;

/// One way of damaging a file.
#[derive(Debug, Clone)]
enum Mutation {
    Delete(prop::sample::Index, usize),
    Insert(prop::sample::Index, String),
    Duplicate(prop::sample::Index, usize),
    Replace(prop::sample::Index, char),
    Truncate(prop::sample::Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let token = prop_oneof![
        any::<String>(),
        prop::sample::select(vec![
            "(",
            ")",
            "[",
            "]",
            "{",
            "}",
            ",",
            ":",
            "\"",
            "\\",
            "Some(",
            "None",
            "NaN",
            "inf",
            "-",
            "1e99",
            "18446744073709551616",
            "id: 1,",
            "format: 2,",
            "r#",
            "/*",
            "//",
            "#![enable(implicit_some)]",
            "b\"",
            "'",
            "\u{0}",
            "\u{feff}",
        ])
        .prop_map(str::to_string),
    ];
    prop_oneof![
        (any::<prop::sample::Index>(), 1usize..40).prop_map(|(i, n)| Mutation::Delete(i, n)),
        (any::<prop::sample::Index>(), token).prop_map(|(i, s)| Mutation::Insert(i, s)),
        (any::<prop::sample::Index>(), 1usize..80).prop_map(|(i, n)| Mutation::Duplicate(i, n)),
        (any::<prop::sample::Index>(), any::<char>()).prop_map(|(i, c)| Mutation::Replace(i, c)),
        any::<prop::sample::Index>().prop_map(Mutation::Truncate),
    ]
}

fn apply(text: &str, m: &Mutation) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.is_empty() {
        return String::new();
    }
    let at = |i: &prop::sample::Index| i.index(chars.len());
    let mut out = chars.clone();
    match m {
        Mutation::Delete(i, n) => {
            let a = at(i);
            out.drain(a..(a + n).min(chars.len()));
        }
        Mutation::Insert(i, s) => {
            let a = at(i);
            out.splice(a..a, s.chars());
        }
        Mutation::Duplicate(i, n) => {
            let a = at(i);
            let piece: Vec<char> = chars[a..(a + n).min(chars.len())].to_vec();
            out.splice(a..a, piece);
        }
        Mutation::Replace(i, c) => out[at(i)] = *c,
        Mutation::Truncate(i) => out.truncate(at(i)),
    }
    out.into_iter().collect()
}

/// Loading must not panic; a load that succeeds must save to a file that loads back the same.
fn load_never_panics_and_round_trips(text: &str) -> Result<(), TestCaseError> {
    same_as_the_general_parser(text)?;
    match load_str(text, "case.ron") {
        Err(e) => {
            prop_assert!(e.line.is_some() && e.column.is_some(), "no position: {}", e);
            prop_assert!(e.to_string().starts_with("case.ron:"), "{}", e);
        }
        Ok(loaded) => {
            let saved = to_ron_string(&loaded.project);
            let again = load_str(&saved, "saved.ron");
            prop_assert!(again.is_ok(), "saved text does not load: {:?}\n{}", again.err(), saved);
            let again = again.unwrap();
            prop_assert!(again.repairs.is_empty(), "{:?}", again.repairs);
            prop_assert_eq!(&again.project, &loaded.project);
        }
    }
    Ok(())
}

/// The fast reader of the subset this version writes and the general parser agree: the same
/// project and repairs, or the same error.
fn same_as_the_general_parser(text: &str) -> Result<(), TestCaseError> {
    let (a, b) = (load_str(text, "case.ron"), srm_planner::project::load_str_general(text, "case.ron"));
    match (a, b) {
        (Ok(a), Ok(b)) => {
            prop_assert_eq!(&a.project, &b.project);
            prop_assert_eq!(&a.project.unknown, &b.project.unknown);
            prop_assert_eq!(a.repairs, b.repairs);
            prop_assert_eq!(a.migrated_from, b.migrated_from);
        }
        (Err(a), Err(b)) => prop_assert_eq!(a.to_string(), b.to_string()),
        (a, b) => {
            prop_assert!(false, "fast {:?} vs general {:?}", a.map(|l| l.project), b.map(|l| l.project))
        }
    }
    Ok(())
}

proptest! {
    // 256 cases by default; PROPTEST_CASES=N runs more.
    #![proptest_config(ProptestConfig::default())]

    #[test]
    fn any_project_survives_save_and_load_unchanged(p in project()) {
        let text = to_ron_string(&p);
        same_as_the_general_parser(&text)?;
        let loaded = load_str(&text, "p.ron");
        prop_assert!(loaded.is_ok(), "{:?}\n{}", loaded.as_ref().err(), text);
        let loaded = loaded.unwrap();
        prop_assert!(loaded.repairs.is_empty(), "{:?}", loaded.repairs);
        prop_assert_eq!(&loaded.project, &p);
        prop_assert_eq!(to_ron_string(&loaded.project), text);
    }

    #[test]
    fn any_text_loads_or_fails_without_panicking(s in any::<String>()) {
        load_never_panics_and_round_trips(&s)?;
    }

    #[test]
    fn any_mutation_of_a_valid_file_loads_or_fails_without_panicking(
        ms in prop::collection::vec(mutation(), 1..6),
    ) {
        let mut text = SEED.to_string();
        for m in &ms {
            text = apply(&text, m);
        }
        load_never_panics_and_round_trips(&text)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_on_disk_load_or_fail_without_panicking(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bytes.ron");
        std::fs::write(&path, &bytes).unwrap();
        match load_file(&path) {
            Ok(loaded) => {
                save_file(&path, &loaded.project).unwrap();
                prop_assert_eq!(load_file(&path).unwrap().project, loaded.project);
            }
            Err(e) => prop_assert!(e.to_string().starts_with(&path.display().to_string()), "{}", e),
        }
    }
}

#[test]
fn the_mutation_seed_is_valid_and_keeps_its_unknown_fields() {
    let p = load_str(SEED, "seed.ron").unwrap().project;
    let saved = to_ron_string(&p);
    for kept in ["theme: (dark: true)", "z: 1", "colour: \"red\"", "port: 443", "due: \"friday\""] {
        assert!(saved.contains(kept), "{kept}\n{saved}");
    }
}
