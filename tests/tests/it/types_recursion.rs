//! Recursive and mutually recursive types, nested arrays and maps.

use serde_json::json;

use crate::fixtures::recursion::types::{Company, Expr, Index, Matrix, Person, Sum, TreeNode};

#[test]
fn recursive_types_decode_and_encode() {
    let example = json!({"value": 1, "children": [{"value": 2}, {"value": 3, "children": []}], "parent": {"value": 0}});
    let tree: TreeNode = serde_json::from_value(example.clone()).expect("decodes");
    assert_eq!(tree.parent.as_ref().map(|parent| parent.value), Some(0));
    assert_eq!(tree.children.as_ref().map(Vec::len), Some(2));
    assert_eq!(serde_json::to_value(&tree).expect("encodes"), example);
}

#[test]
fn mutually_recursive_types_decode_and_encode() {
    let example =
        json!({"name": "Ada", "employer": {"name": "Acme", "ceo": {"name": "Bob"}, "staff": {"ada": {"name": "Ada"}}}});
    let person: Person = serde_json::from_value(example.clone()).expect("decodes");
    let employer: &Company = person.employer.as_deref().expect("employer");
    assert_eq!(employer.ceo.as_ref().and_then(|ceo| ceo.name.as_deref()), Some("Bob"));
    assert_eq!(serde_json::to_value(&person).expect("encodes"), example);
}

#[test]
fn recursive_unions_decode_and_encode() {
    let example = json!({"left": 1, "right": {"left": 2, "right": 3}});
    let expr: Expr = serde_json::from_value(example.clone()).expect("decodes");
    let Expr::Sum(sum) = &expr else { panic!("a sum: {expr:?}") };
    let Sum { left, .. } = sum.as_ref();
    assert_eq!(left, &Expr::Integer(1));
    assert_eq!(serde_json::to_value(&expr).expect("encodes"), example);
}

#[test]
fn nested_arrays_and_maps_decode_and_encode() {
    let matrix: Matrix = serde_json::from_value(json!([[[1.0, 2.5]], []])).expect("decodes");
    assert_eq!(matrix[0][0][1], 2.5);
    let index: Index = serde_json::from_value(json!({"a": {"b": ["c"]}})).expect("decodes");
    assert_eq!(index["a"]["b"], ["c"]);
    assert_eq!(serde_json::to_value(&index).expect("encodes"), json!({"a": {"b": ["c"]}}));
}
