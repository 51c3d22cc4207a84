//! Import speed: a generated Terraform plan of 2,000 resources (a module instantiated with
//! `for_each`, `count` instances, security-group rules, configuration references) and a
//! generated 1,000-resource CloudFormation template (YAML, short-form tags): parse + map +
//! connect + layout. Target: ≤ 300 ms each. The plan is also written to
//! `target/import-bench-plan.json` so a peer can be timed on the same file
//! (`checkov -f target/import-bench-plan.json`).
//! Run: `cargo bench --bench import --no-default-features`.

use serde_json::{Value, json};
use srm_planner::catalog::Catalog;
use srm_planner::import::{InputFile, import};
use std::fmt::Write;
use std::time::{Duration, Instant};

/// A plan of `units` module instances of 10 resources each.
fn plan(units: usize) -> String {
    let unit_resources = |m: &str| -> Vec<Value> {
        let mut r = Vec::new();
        for i in 0..3 {
            r.push(json!({"address": format!("{m}.aws_instance.web[{i}]"), "mode": "managed", "type": "aws_instance", "name": "web", "index": i,
                "provider_name": "registry.terraform.io/hashicorp/aws", "values": {"ami": "ami-123", "instance_type": "t3.micro", "tags": {"Name": format!("{m} web {i}")}}}));
        }
        for (t, n, v) in [
            ("aws_security_group", "web", json!({"name": "web"})),
            ("aws_security_group", "lb", json!({"name": "lb"})),
            (
                "aws_security_group_rule",
                "lb_to_web",
                json!({"type": "ingress", "from_port": 8080, "to_port": 8080, "protocol": "tcp"}),
            ),
            ("aws_lb", "front", json!({"internal": false, "load_balancer_type": "application"})),
            ("aws_lb_listener", "https", json!({"port": 443, "protocol": "HTTPS"})),
            ("aws_lb_target_group", "web", json!({"port": 8080, "protocol": "HTTP"})),
            (
                "aws_db_instance",
                "db",
                json!({"engine": "postgres", "publicly_accessible": false, "tags": {"DataClassification": "confidential"}}),
            ),
        ] {
            r.push(json!({"address": format!("{m}.{t}.{n}"), "mode": "managed", "type": t, "name": n,
                "provider_name": "registry.terraform.io/hashicorp/aws", "values": v}));
        }
        r
    };
    let refs = |r: &[&str]| json!({"references": r});
    let config_resources = json!([
        {"address": "aws_instance.web", "mode": "managed", "type": "aws_instance", "name": "web",
         "expressions": {"subnet_id": refs(&["var.subnet_id"]), "vpc_security_group_ids": refs(&["aws_security_group.web.id", "aws_security_group.web"])}, "count_expression": {"constant_value": 3}},
        {"address": "aws_security_group.web", "mode": "managed", "type": "aws_security_group", "name": "web", "expressions": {"vpc_id": refs(&["var.vpc_id"])}},
        {"address": "aws_security_group.lb", "mode": "managed", "type": "aws_security_group", "name": "lb", "expressions": {"vpc_id": refs(&["var.vpc_id"])}},
        {"address": "aws_security_group_rule.lb_to_web", "mode": "managed", "type": "aws_security_group_rule", "name": "lb_to_web",
         "expressions": {"security_group_id": refs(&["aws_security_group.web.id"]), "source_security_group_id": refs(&["aws_security_group.lb.id"])}},
        {"address": "aws_lb.front", "mode": "managed", "type": "aws_lb", "name": "front",
         "expressions": {"subnets": refs(&["var.public_subnet_id"]), "security_groups": refs(&["aws_security_group.lb.id"])}},
        {"address": "aws_lb_listener.https", "mode": "managed", "type": "aws_lb_listener", "name": "https",
         "expressions": {"load_balancer_arn": refs(&["aws_lb.front.arn"]), "default_action": [{"target_group_arn": refs(&["aws_lb_target_group.web.arn"])}]}},
        {"address": "aws_lb_target_group.web", "mode": "managed", "type": "aws_lb_target_group", "name": "web", "expressions": {"vpc_id": refs(&["var.vpc_id"])}},
        {"address": "aws_db_instance.db", "mode": "managed", "type": "aws_db_instance", "name": "db",
         "expressions": {"vpc_security_group_ids": refs(&["aws_security_group.db.id"]), "db_subnet_group_name": refs(&["var.subnet_group"])}}
    ]);
    let mut children = Vec::new();
    for u in 0..units {
        let m = format!("module.app[\"unit-{u}\"]");
        children.push(json!({"address": m, "resources": unit_resources(&m)}));
    }
    let root_resources = json!([
        {"address": "aws_vpc.main", "mode": "managed", "type": "aws_vpc", "name": "main", "provider_name": "registry.terraform.io/hashicorp/aws", "values": {"cidr_block": "10.0.0.0/16", "tags": {"Name": "main"}}},
        {"address": "aws_subnet.public", "mode": "managed", "type": "aws_subnet", "name": "public", "provider_name": "registry.terraform.io/hashicorp/aws", "values": {"map_public_ip_on_launch": true}},
        {"address": "aws_subnet.private", "mode": "managed", "type": "aws_subnet", "name": "private", "provider_name": "registry.terraform.io/hashicorp/aws", "values": {"map_public_ip_on_launch": false}}
    ]);
    let doc = json!({
        "format_version": "1.2",
        "terraform_version": "1.9.0",
        "planned_values": {"root_module": {"resources": root_resources, "child_modules": children}},
        "configuration": {"root_module": {
            "resources": [
                {"address": "aws_vpc.main", "mode": "managed", "type": "aws_vpc", "name": "main", "expressions": {}},
                {"address": "aws_subnet.public", "mode": "managed", "type": "aws_subnet", "name": "public", "expressions": {"vpc_id": refs(&["aws_vpc.main.id"])}},
                {"address": "aws_subnet.private", "mode": "managed", "type": "aws_subnet", "name": "private", "expressions": {"vpc_id": refs(&["aws_vpc.main.id"])}}
            ],
            "module_calls": {"app": {"source": "./app", "for_each_expression": {"references": ["local.units"]},
                "expressions": {"vpc_id": refs(&["aws_vpc.main.id"]), "subnet_id": refs(&["aws_subnet.private.id"]), "public_subnet_id": refs(&["aws_subnet.public.id"])},
                "module": {"resources": config_resources}}}
        }}
    });
    serde_json::to_string(&doc).expect("a plan")
}

/// A template of `units` groups of 10 resources, in YAML with short-form tags.
fn template(units: usize) -> String {
    let mut t = String::from(
        "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: 10.0.0.0/16}\n  Public:\n    Type: AWS::EC2::Subnet\n    Properties: {VpcId: !Ref Vpc, MapPublicIpOnLaunch: true}\n  Private:\n    Type: AWS::EC2::Subnet\n    Properties: {VpcId: !Ref Vpc}\n",
    );
    for u in 0..units {
        let _ = write!(
            t,
            "  Web{u}:\n    Type: AWS::EC2::Instance\n    Properties:\n      SubnetId: !Ref Private\n      SecurityGroupIds: [!Ref WebSg{u}]\n      IamInstanceProfile: !Ref Profile{u}\n      Tags: [{{Key: Name, Value: web {u}}}]\n\
\x20\x20WebSg{u}:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      VpcId: !Ref Vpc\n      SecurityGroupIngress:\n        - {{IpProtocol: tcp, FromPort: 8080, ToPort: 8080, SourceSecurityGroupId: !GetAtt LbSg{u}.GroupId}}\n\
\x20\x20LbSg{u}:\n    Type: AWS::EC2::SecurityGroup\n    Properties: {{VpcId: !Ref Vpc}}\n\
\x20\x20Lb{u}:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties: {{Subnets: [!Ref Public], SecurityGroups: [!Ref LbSg{u}]}}\n\
\x20\x20Listener{u}:\n    Type: AWS::ElasticLoadBalancingV2::Listener\n    Properties:\n      LoadBalancerArn: !Ref Lb{u}\n      Protocol: HTTPS\n      DefaultActions: [{{Type: forward, TargetGroupArn: !Ref Tg{u}}}]\n\
\x20\x20Tg{u}:\n    Type: AWS::ElasticLoadBalancingV2::TargetGroup\n    Properties: {{VpcId: !Ref Vpc, Targets: [{{Id: !Ref Web{u}}}]}}\n\
\x20\x20Db{u}:\n    Type: AWS::RDS::DBInstance\n    Properties: {{Engine: postgres, DBSubnetGroupName: !Ref Private}}\n\
\x20\x20Profile{u}:\n    Type: AWS::IAM::InstanceProfile\n    Properties: {{Roles: [!Ref Role{u}]}}\n\
\x20\x20Role{u}:\n    Type: AWS::IAM::Role\n    Properties:\n      Policies:\n        - PolicyDocument: {{Statement: [{{Effect: Allow, Action: 's3:GetObject', Resource: !Sub '${{Bucket{u}.Arn}}/*'}}]}}\n\
\x20\x20Bucket{u}:\n    Type: AWS::S3::Bucket\n    Condition: WantBuckets\n"
        );
    }
    t += "Conditions:\n  WantBuckets: !Equals [yes, yes]\n";
    t
}

fn time(label: &str, input: &InputFile, runs: usize) {
    let catalog = Catalog::builtin();
    let mut best = Duration::MAX;
    let mut result = None;
    for _ in 0..runs {
        let start = Instant::now();
        let r = import(catalog, std::slice::from_ref(input)).expect("the generated input imports");
        best = best.min(start.elapsed());
        result = Some(r);
    }
    let r = result.expect("ran");
    let [c, b, f, i] = r.summary.counts();
    println!(
        "{label}: {} bytes, {} resources ({c} components, {b} boundaries, {f} folded, {i} ignored), {} connections: best of {runs} {:.1} ms (target ≤ 300 ms)",
        input.text.len(),
        r.summary.resources.len(),
        r.summary.connections,
        best.as_secs_f64() * 1000.0
    );
}

fn main() {
    let _ = Catalog::builtin();
    let p = plan(200);
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/import-bench-plan.json");
    if std::fs::write(&path, &p).is_ok() {
        println!("plan written to {}", path.display());
    }
    time("terraform plan, 2,000 resources", &InputFile { name: "plan.json".into(), text: p }, 10);
    time(
        "cloudformation, 1,000 resources",
        &InputFile { name: "template.yaml".into(), text: template(100) },
        10,
    );
}
