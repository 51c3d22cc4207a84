//! The diagram export: SVG, PNG and draw.io of a project with nested boundaries, unknown kinds
//! and services and an unencrypted connection (`tests/fixtures/boundaries.ron`), golden files
//! for an example (`tests/golden/three-tier-web-app.{svg,drawio}`, regenerated with
//! `UPDATE_GOLDEN=1 cargo test --test diagram`), hostile text, the lens, the HTML report's copy
//! and the command line.

mod common;

use srm_planner::catalog::Catalog;
use srm_planner::export::diagram::{DiagramFormat, Options, Scene};
use srm_planner::export::{self, diagram};
use srm_planner::project::{Boundary, BoundaryId, Project, Rect, load_file};
use srm_planner::responsibility::resolve;
use srm_planner::vocab::{Layer, Owner};
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixture() -> Project {
    load_file(&root().join("tests/fixtures/boundaries.ron")).unwrap_or_else(|e| panic!("{e}")).project
}

fn render(project: &Project, format: DiagramFormat, lens: Option<Layer>) -> Vec<u8> {
    format.render(Catalog::builtin(), project, &Options { lens, title: true }).unwrap()
}

fn svg(project: &Project, lens: Option<Layer>) -> String {
    String::from_utf8(render(project, DiagramFormat::Svg, lens)).unwrap()
}

fn drawio(project: &Project) -> String {
    String::from_utf8(render(project, DiagramFormat::Drawio, None)).unwrap()
}

fn scene(project: &Project, lens: Option<Layer>) -> Scene {
    let stacks: Vec<_> = project.components.iter().map(|c| (c, resolve(Catalog::builtin(), c))).collect();
    Scene::build(project, &stacks, &Options { lens, title: true })
}

/// Every text node under `node`, joined.
fn all_text(node: roxmltree::Node<'_, '_>) -> String {
    node.descendants().filter(|n| n.is_text()).map(|n| n.text().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

fn group<'a, 'i>(doc: &'a roxmltree::Document<'i>, attr: &str, id: u64) -> roxmltree::Node<'a, 'i> {
    doc.descendants()
        .find(|n| n.has_tag_name("g") && n.attribute(attr) == Some(id.to_string().as_str()))
        .unwrap_or_else(|| panic!("no <g {attr}=\"{id}\">"))
}

#[test]
fn svg_is_xml_and_names_every_component_and_boundary() {
    let p = fixture();
    let text = svg(&p, None);
    let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    let shown: Vec<String> =
        doc.descendants().filter(|n| n.has_tag_name("text")).map(|n| all_text(n)).collect();
    for c in &p.components {
        let g = group(&doc, "data-component", c.id.0);
        assert!(all_text(g).contains(&c.label), "{} not drawn", c.label);
        assert!(shown.iter().any(|t| t == &c.label), "{} not in a <text>", c.label);
    }
    for b in &p.boundaries {
        let g = group(&doc, "data-boundary", b.id.0);
        let caption = all_text(g.children().find(|n| n.has_tag_name("text")).unwrap());
        assert!(caption.starts_with(&b.label), "{caption} does not start with {}", b.label);
    }
    // Outer boundaries are drawn before inner ones, and all of them before the nodes.
    let order: Vec<String> = doc
        .descendants()
        .filter_map(|n| {
            n.attribute("data-boundary")
                .map(|b| format!("b{b}"))
                .or(n.attribute("data-component").map(|c| format!("c{c}")))
        })
        .collect();
    let at = |k: &str| order.iter().position(|o| o == k).unwrap();
    assert!(at("b1") < at("b2") && at("b2") < at("b3") && at("b2") < at("b4"), "{order:?}");
    assert!(order.iter().take(p.boundaries.len()).all(|o| o.starts_with('b')), "{order:?}");
    // Layer strips: 13 cells per known component, with the owners' letters.
    let ec2 = group(&doc, "data-component", 2);
    let letters: String =
        ec2.descendants().filter(|n| n.has_tag_name("tspan")).map(|n| n.text().unwrap()).collect();
    let stack = resolve(Catalog::builtin(), &p.components[1]).unwrap();
    let expected: String = stack.stack().entries().iter().map(|e| e.owner.letter()).collect();
    assert_eq!(letters, expected);
    // The unencrypted connection is dashed and says so in its label.
    let dashed = doc
        .descendants()
        .filter(|n| n.has_tag_name("polyline") && n.attribute("stroke-dasharray").is_some())
        .count();
    assert_eq!(dashed, 2, "two unencrypted connections");
    assert!(shown.iter().any(|t| t == "HTTP :8080 (unencrypted)"));
    assert!(shown.iter().any(|t| t == "unencrypted"));
    // The legend names the owners, both connection styles and the kinds used.
    let legend = all_text(doc.descendants().find(|n| n.attribute("data-legend").is_some()).unwrap());
    for s in [
        "AWS secures it",
        "Customer secures it",
        "encrypted in transit",
        "unencrypted",
        "AWS account",
        "VPC",
        "Public subnet",
        "Private subnet",
        "On-premises",
        "space-station",
        "5 Guest OS",
    ] {
        assert!(legend.contains(s), "legend lacks {s}: {legend}");
    }
    assert!(!legend.contains("Trust zone"), "only the kinds used");
}

#[test]
fn unknown_services_are_grey_with_their_id_and_unknown_kinds_plain_grey_boxes() {
    let p = fixture();
    let text = svg(&p, None);
    let doc = roxmltree::Document::parse(&text).unwrap();
    let g = group(&doc, "data-component", 6);
    let frame = g.children().find(|n| n.has_tag_name("rect")).unwrap();
    assert_eq!(frame.attribute("fill"), Some("#eeeeee"));
    assert!(all_text(g).contains("quantum-widget"));
    assert!(all_text(g).contains("not in the catalog"));
    let b = group(&doc, "data-boundary", 6);
    let r = b.children().find(|n| n.has_tag_name("rect")).unwrap();
    assert_eq!((r.attribute("stroke"), r.attribute("fill")), (Some("#8a8a8a"), Some("none")));
    assert!(r.attribute("stroke-dasharray").is_none());
    let d = drawio(&p);
    assert!(d.contains("label=\"Mystery box&#10;quantum-widget\""), "{d}");
    assert!(d.contains("fillColor=#EEEEEE"));
}

#[test]
fn hostile_text_is_escaped_and_controls_dropped() {
    let mut a = common::comp(1, "ec2", "<script>alert('x')</script> & \"q\"");
    a.position.x = 0.0;
    let mut b = common::comp(2, "s3", "bell\u{7}esc\u{1b}[31m nul\u{0} \u{202E}gnp.exe");
    b.position.x = 400.0;
    let mut k = common::link(1, 2, false);
    k.label = "]]><x/>&amp;".into();
    let mut p = common::project(vec![a, b], vec![k]);
    p.name = "</svg><svg onload=alert(1)>".into();
    p.boundaries.push(Boundary {
        id: BoundaryId(1),
        kind: "<weird & kind>".into(),
        label: "<b>box</b>".into(),
        parent: None,
        rect: Rect { x: -200.0, y: -100.0, w: 900.0, h: 300.0 },
        source: None,
    });
    p.components[0].boundary = Some(BoundaryId(1));
    for (format, text) in [("svg", svg(&p, Some(Layer::Data))), ("drawio", drawio(&p))] {
        let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{format}: {e}\n{text}"));
        assert!(doc.descendants().all(|n| !n.has_tag_name("script") && !n.has_tag_name("x")), "{format}");
        assert!(doc.descendants().all(|n| n.attribute("onload").is_none()), "{format}");
        assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{format} carries a control character");
        assert!(!text.contains('\u{202E}'), "{format}");
    }
    let text = svg(&p, None);
    let doc = roxmltree::Document::parse(&text).unwrap();
    let all = all_text(doc.root_element());
    assert!(all.contains("<script>alert('x')</script> & \"q\""), "{all}");
    assert!(all.contains("bellesc[31m nul gnp.exe"), "{all}");
    assert!(all.contains("]]><x/>&amp; (unencrypted)"), "{all}");
    // draw.io shows tooltips as HTML: they are escaped once more.
    let d = drawio(&p);
    let doc = roxmltree::Document::parse(&d).unwrap();
    let obj =
        doc.descendants().find(|n| n.has_tag_name("object") && n.attribute("id") == Some("c1")).unwrap();
    assert!(
        obj.attribute("tooltip").unwrap().starts_with("&lt;script&gt;"),
        "{:?}",
        obj.attribute("tooltip")
    );
    assert_eq!(obj.attribute("label").unwrap().lines().next(), Some("<script>alert('x')</script> & \"q\""));
}

#[test]
fn drawio_has_containers_vertices_edges_and_relative_geometry() {
    let p = fixture();
    let text = drawio(&p);
    let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{e}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "mxfile");
    let model = root.descendants().find(|n| n.has_tag_name("mxGraphModel")).unwrap();
    assert_eq!(model.parent().unwrap().tag_name().name(), "diagram");
    let cells: Vec<_> = doc.descendants().filter(|n| n.has_tag_name("mxCell")).collect();
    let id_of = |n: &roxmltree::Node| {
        n.attribute("id").or_else(|| n.parent().and_then(|o| o.attribute("id"))).unwrap().to_string()
    };
    assert_eq!(id_of(&cells[0]), "0");
    assert_eq!((id_of(&cells[1]).as_str(), cells[1].attribute("parent")), ("1", Some("0")));
    let vertices: Vec<_> = cells.iter().filter(|c| c.attribute("vertex") == Some("1")).collect();
    assert_eq!(vertices.len(), p.components.len() + p.boundaries.len());
    let edges: Vec<_> = cells.iter().filter(|c| c.attribute("edge") == Some("1")).collect();
    assert_eq!(edges.len(), p.connections.len());
    for (e, k) in edges.iter().zip(&p.connections) {
        assert_eq!(e.attribute("source"), Some(format!("c{}", k.from.0).as_str()));
        assert_eq!(e.attribute("target"), Some(format!("c{}", k.to.0).as_str()));
        assert_eq!(e.attribute("style").unwrap().contains("dashed=1"), !k.encrypted);
        if !k.encrypted {
            assert!(e.attribute("value").unwrap().contains("unencrypted"));
        }
    }
    let cell = |id: &str| *vertices.iter().find(|c| id_of(c) == id).unwrap_or_else(|| panic!("no cell {id}"));
    let geometry = |id: &str| {
        let g = cell(id).children().find(|n| n.has_tag_name("mxGeometry")).unwrap();
        let f = |a: &str| g.attribute(a).unwrap().parse::<f32>().unwrap();
        (f("x"), f("y"), f("width"), f("height"))
    };
    // Boundaries are containers in their parents; members sit in their innermost boundary.
    for b in &p.boundaries {
        let c = cell(&format!("b{}", b.id.0));
        assert!(c.attribute("style").unwrap().contains("container=1"));
        let want = b.parent.map_or_else(|| "1".to_string(), |p| format!("b{}", p.0));
        assert_eq!(c.attribute("parent"), Some(want.as_str()), "b{}", b.id.0);
    }
    for comp in &p.components {
        let want = comp.boundary.map_or_else(|| "1".to_string(), |b| format!("b{}", b.0));
        assert_eq!(cell(&format!("c{}", comp.id.0)).attribute("parent"), Some(want.as_str()));
    }
    // Geometry relative to the parent: the VPC (-30, -50) inside the account (-60, -90); the
    // ALB centred at (150, 60) inside the public subnet (0, -10).
    assert_eq!(geometry("b2"), (30.0, 40.0, 760.0, 490.0));
    assert_eq!(geometry("c1"), (150.0 - 92.0, 60.0 - 36.0 + 10.0, 184.0, 72.0));
    // AWS group looks.
    assert!(cell("b1").attribute("style").unwrap().contains("grIcon=mxgraph.aws4.group_account"));
    assert!(cell("b2").attribute("style").unwrap().contains("grIcon=mxgraph.aws4.group_vpc2"));
    assert!(cell("b3").attribute("style").unwrap().contains("fillColor=#F2F6E8"));
    assert!(cell("b6").attribute("style").unwrap().contains("strokeColor=#8A8A8A"));
    // The tooltip lists the 13 layers and owners.
    let obj =
        doc.descendants().find(|n| n.has_tag_name("object") && n.attribute("id") == Some("c2")).unwrap();
    let tip = obj.attribute("tooltip").unwrap();
    assert_eq!(tip.lines().filter(|l| l.contains(": ")).count(), 13, "{tip}");
    assert!(tip.contains("Guest OS: Customer") && tip.contains("Facilities: AWS"), "{tip}");
}

#[test]
fn png_decodes_at_the_expected_size_with_the_owner_colours() {
    let p = fixture();
    let bytes = render(&p, DiagramFormat::Png, None);
    let decoder = png::Decoder::new(std::io::Cursor::new(&bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let s = scene(&p, None);
    let (w, h, _) = diagram::png::size_for(s.width, s.height);
    assert_eq!((info.width, info.height), (w, h));
    assert_eq!(w, (s.width * 2.0) as u32, "two pixels per canvas unit");
    let channels = info.color_type.samples();
    let count = |rgb: [u8; 3]| {
        buf[..info.buffer_size()]
            .chunks(channels)
            .filter(|px| px.iter().zip(rgb).all(|(a, b)| a.abs_diff(b) <= 6))
            .count()
    };
    // Each known component has customer and AWS cells, 12 × 18 units = 24 × 36 pixels each.
    assert!(count(Owner::Customer.rgb()) > 5 * 24 * 36, "{}", count(Owner::Customer.rgb()));
    assert!(count(Owner::Aws.rgb()) > 5 * 24 * 36);
    assert!(count(Owner::Shared.rgb()) > 0);
    // The unknown component's grey fill.
    assert!(count(diagram::UNKNOWN_FILL) > 1000);
}

#[test]
fn png_of_a_huge_drawing_is_capped() {
    let mut a = common::comp(1, "ec2", "far west");
    a.position.x = -60_000.0;
    let mut b = common::comp(2, "ec2", "far east");
    b.position.x = 60_000.0;
    let p = common::project(vec![a, b], vec![common::link(1, 2, true)]);
    let bytes = render(&p, DiagramFormat::Png, None);
    let info = png::Decoder::new(std::io::Cursor::new(&bytes)).read_info().unwrap().info().clone();
    assert_eq!(info.width, diagram::png::MAX_SIDE);
    assert!(u64::from(info.width) * u64::from(info.height) <= diagram::png::MAX_PIXELS);
}

#[test]
fn the_lens_changes_the_drawing() {
    let p = fixture();
    let plain = svg(&p, None);
    let lensed = svg(&p, Some(Layer::GuestOs));
    assert_ne!(plain, lensed);
    assert!(lensed.contains("layer lens: Guest OS"));
    let doc = roxmltree::Document::parse(&lensed).unwrap();
    // EC2: the customer owns the guest OS; S3: AWS does, and the node is faded.
    let ec2 = group(&doc, "data-component", 2);
    assert!(all_text(ec2).contains("Customer"));
    assert_eq!(ec2.attribute("opacity"), None);
    let frame = ec2.children().find(|n| n.has_tag_name("rect")).unwrap();
    assert_eq!(frame.attribute("stroke"), Some("#e69f00"));
    let s3 = group(&doc, "data-component", 4);
    assert!(all_text(s3).contains("AWS"));
    assert!(s3.attribute("opacity").is_some());
    let png_plain = render(&p, DiagramFormat::Png, None);
    let png_lensed = render(&p, DiagramFormat::Png, Some(Layer::GuestOs));
    assert_ne!(png_plain, png_lensed);
}

#[test]
fn output_is_deterministic_and_matches_the_golden_files() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let p = load_file(&root().join("saved/three-tier-web-app.ron")).unwrap().project;
    let mut mismatches = Vec::new();
    for (format, ext) in [(DiagramFormat::Svg, "svg"), (DiagramFormat::Drawio, "drawio")] {
        let out = String::from_utf8(render(&p, format, None)).unwrap();
        assert_eq!(out.as_bytes(), render(&p, format, None), "{ext} is not deterministic");
        let file = root().join(format!("tests/golden/three-tier-web-app.{ext}"));
        if update {
            std::fs::write(&file, &out).unwrap();
        } else if std::fs::read_to_string(&file).ok().as_deref() != Some(out.as_str()) {
            mismatches.push(file.display().to_string());
        }
    }
    assert!(mismatches.is_empty(), "differs (regenerate with UPDATE_GOLDEN=1 and review): {mismatches:?}");
    assert_eq!(render(&p, DiagramFormat::Png, None), render(&p, DiagramFormat::Png, None));
}

#[test]
fn an_empty_project_still_draws() {
    let p = Project::default();
    let text = svg(&p, None);
    assert!(roxmltree::Document::parse(&text).is_ok());
    assert!(text.contains("No components yet."));
    assert!(roxmltree::Document::parse(&drawio(&p)).is_ok());
    assert!(!render(&p, DiagramFormat::Png, None).is_empty());
}

#[test]
fn self_loops_and_parallel_connections_are_drawn_apart() {
    let mut a = common::comp(1, "ec2", "a");
    a.position.x = 0.0;
    let mut b = common::comp(2, "s3", "b");
    b.position.x = 500.0;
    let p = common::project(
        vec![a, b],
        vec![common::link(1, 2, true), common::link(2, 1, false), common::link(1, 1, true)],
    );
    let s = scene(&p, None);
    assert_eq!(s.edges.len(), 3);
    assert!(s.edges.iter().all(|e| !e.points.is_empty() && e.head.is_some()));
    assert_ne!(s.edges[0].points[0].y, s.edges[1].points[1].y, "parallel lines overlap");
}

#[test]
fn the_html_report_embeds_the_svg_above_the_matrix() {
    let p = fixture();
    let html = export::html(Catalog::builtin(), &p);
    let svg_at = html.find("<svg ").expect("an inline <svg>");
    assert!(svg_at < html.find("Responsibility matrix").unwrap());
    assert!(!html.contains("<?xml"));
    assert!(!html.to_lowercase().contains("<script"));
    let end = html.find("</svg>").unwrap() + "</svg>".len();
    let doc = roxmltree::Document::parse(&html[svg_at..end]).unwrap_or_else(|e| panic!("{e}"));
    assert!(doc.descendants().any(|n| n.attribute("data-component") == Some("6")));
    let empty = export::html(Catalog::builtin(), &Project::default());
    assert!(!empty.contains("<svg"));
}

fn cli(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_srm-planner"))
        .args(args)
        .current_dir(root())
        .env("XDG_CONFIG_HOME", "/nonexistent-srm-test-config")
        .output()
        .unwrap()
}

#[test]
fn cli_writes_each_format_and_reports_errors_with_the_right_codes() {
    let dir = tempfile::tempdir().unwrap();
    let input = "tests/fixtures/boundaries.ron";
    for ext in ["svg", "png", "drawio", "SVG"] {
        let out: PathBuf = dir.path().join(format!("d.{ext}"));
        let o = cli(&["diagram", input, "-o", out.to_str().unwrap(), "--lens", "guest-os"]);
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
        let bytes = std::fs::read(&out).unwrap();
        match ext {
            "png" => assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n")),
            _ => assert!(roxmltree::Document::parse(std::str::from_utf8(&bytes).unwrap()).is_ok()),
        }
    }
    let no_temp_left = std::fs::read_dir(dir.path())
        .unwrap()
        .all(|e| !e.unwrap().file_name().to_string_lossy().ends_with(".tmp"));
    assert!(no_temp_left);
    // A usage error: an extension that names no format, a lens that is no layer, no -o.
    let o = cli(&["diagram", input, "-o", dir.path().join("d.pdf").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains(".svg, .png or .drawio"));
    assert!(!dir.path().join("d.pdf").exists());
    assert_eq!(cli(&["diagram", input, "-o", dir.path().join("x").to_str().unwrap()]).status.code(), Some(2));
    assert_eq!(cli(&["diagram", input, "-o", "/tmp/x.svg", "--lens", "kernel"]).status.code(), Some(2));
    assert_eq!(cli(&["diagram", input]).status.code(), Some(2));
    // Bad input: a missing file, a file that does not parse, the input as output.
    let missing = dir.path().join("missing.svg");
    let o = cli(&["diagram", "/nonexistent/project.ron", "-o", missing.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!o.stderr.is_empty() && !missing.exists());
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "(format: 2, components: [(id: 1 service: \"ec2\")])").unwrap();
    let o = cli(&["diagram", bad.to_str().unwrap(), "-o", dir.path().join("bad.svg").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("bad.ron:1:"));
    let odd = dir.path().join("project.svg");
    std::fs::copy(root().join(input), &odd).unwrap();
    let o = cli(&["diagram", odd.to_str().unwrap(), "-o", odd.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("refusing"));
    assert_eq!(std::fs::read(&odd).unwrap(), std::fs::read(root().join(input)).unwrap());
}
