#[derive(serde::Serialize, serde::Deserialize)]
struct P {
    pack: I,
    rule: Vec<R>,
}
#[derive(serde::Serialize, serde::Deserialize)]
struct I {
    name: String,
    sources: Vec<String>,
}
#[derive(serde::Serialize, serde::Deserialize)]
struct R {
    code: String,
    name: String,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pairs: Vec<[String; 2]>,
    examples: Vec<E>,
}
#[derive(serde::Serialize, serde::Deserialize)]
struct E {
    #[serde(skip_serializing_if = "Option::is_none")]
    invalid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fixed: Option<String>,
}
#[test]
fn ser() {
    let p = P {
        pack: I {
            name: "typos".into(),
            sources: vec!["a".into(), "b".into()],
        },
        rule: vec![R {
            code: "W101".into(),
            name: "typo".into(),
            pairs: vec![
                ["补尝".into(), "补偿".into()],
                ["按装".into(), "安装".into()],
            ],
            examples: vec![E {
                invalid: Some("补尝".into()),
                fixed: Some("补偿".into()),
            }],
        }],
    };
    println!("{}", toml::to_string_pretty(&p).unwrap());
}
