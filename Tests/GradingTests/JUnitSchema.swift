import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The rules of the Jenkins JUnit schema (xunit-plugin's junit-10.xsd, the shape Jenkins,
/// GitLab and most CI tools read), checked element by element: which elements may hold which,
/// which attributes are allowed and required, and the form of `time`.
enum JUnitSchema {
    struct Violation: Error, CustomStringConvertible {
        let description: String
    }

    private struct Rule {
        let children: Set<String>
        let attributes: Set<String>
        let required: Set<String>
    }

    private static let caseChildren: Set<String> = ["skipped", "error", "failure", "rerunFailure", "rerunError", "flakyFailure", "flakyError", "system-out", "system-err"]
    private static let rules: [String: Rule] = [
        "testsuites": Rule(children: ["testsuite"], attributes: ["name", "time", "tests", "failures", "errors"], required: []),
        "testsuite": Rule(children: ["testsuite", "properties", "testcase", "system-out", "system-err"],
                          attributes: ["name", "tests", "failures", "errors", "group", "time", "skipped", "timestamp", "hostname", "id", "package", "file", "log", "url"],
                          required: ["name", "tests", "failures", "errors"]),
        "properties": Rule(children: ["property"], attributes: [], required: []),
        "property": Rule(children: [], attributes: ["name", "value"], required: ["name", "value"]),
        "testcase": Rule(children: caseChildren, attributes: ["name", "time", "classname", "group"], required: ["name"]),
        "failure": Rule(children: [], attributes: ["type", "message"], required: []),
        "error": Rule(children: [], attributes: ["type", "message"], required: []),
        "skipped": Rule(children: [], attributes: ["type", "message"], required: []),
        "system-out": Rule(children: [], attributes: [], required: []),
        "system-err": Rule(children: [], attributes: [], required: []),
    ]

    static func validate(_ root: XMLElement) throws {
        guard root.name == "testsuites" || root.name == "testsuite" else { throw Violation(description: "the root is <\(root.name ?? "")>") }
        try check(root)
    }

    private static func check(_ element: XMLElement) throws {
        let name = element.name ?? ""
        guard let rule = rules[name] else { throw Violation(description: "<\(name)> is not in the schema") }
        let attributes = Set((element.attributes ?? []).compactMap(\.name))
        if let extra = attributes.subtracting(rule.attributes).first { throw Violation(description: "<\(name)> may not have \(extra)") }
        if let missing = rule.required.subtracting(attributes).first { throw Violation(description: "<\(name)> needs \(missing)") }
        if let time = element.attribute(forName: "time")?.stringValue, name != "testcase",
           time.range(of: #"^(([0-9]{0,3},)*[0-9]{3}|[0-9]{0,3})*(\.[0-9]*)?$"#, options: .regularExpression) == nil {
            throw Violation(description: "<\(name) time=\"\(time)\"> is not a SUREFIRE_TIME")
        }
        for child in element.children ?? [] {
            guard let childElement = child as? XMLElement else { continue }
            guard rule.children.contains(childElement.name ?? "") else {
                throw Violation(description: "<\(name)> may not hold <\(childElement.name ?? "")>")
            }
            try check(childElement)
        }
    }
}
