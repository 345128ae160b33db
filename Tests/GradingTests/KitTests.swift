import Foundation
import Grading
import LabKit
import Testing

@Suite("Kit and starter manifest: chapters are discovered, starters recognised byte for byte")
struct KitTests {
    @Test("a chapter is a labs/ folder that is also an executable product; other folders and products are not")
    func discoversChapters() throws {
        let kit = try TestKit(chapters: ["ch11-state": ["A.swift": "a"], "lab02-tools": ["B.swift": "b"]])
        try kit.write("notes", to: "labs/drafts/notes.md")
        #expect(try kit.kit.chapters() == ["ch11-state", "lab02-tools"])
        #expect(try kit.kit.chapters(named: ["lab02-tools"]) == ["lab02-tools"])
        #expect(throws: GradeError.self) { try kit.kit.chapters(named: ["ch99-nothing"]) }
    }

    @Test("a folder without Package.swift is not a kit")
    func notAKit() throws {
        let directory = try TemporaryDirectory(prefix: "not-a-kit")
        #expect(throws: GradeError.notAKit(directory.url.standardizedFileURL.path)) { try Kit(root: directory.url) }
    }

    @Test("SHA-256 matches the standard's test vectors")
    func sha256() {
        #expect(SHA256.hex(Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test("the starter is recognised; an edit, an added file or a removed file makes it attempted")
    func recognisesStarter() throws {
        let kit = try TestKit(chapters: ["ch11-state": ["A.swift": "stub a", "B.swift": "stub b"]])
        let labs = try kit.kit.labs
        let manifest = StarterManifest(chapters: ["ch11-state": .init(files: StarterManifest.hashes(of: "ch11-state", in: labs), checks: [])])
        #expect(manifest.isStarter("ch11-state", in: labs))
        try kit.write("stub a ", to: "labs/ch11-state/A.swift")
        #expect(!manifest.isStarter("ch11-state", in: labs))
        try kit.write("stub a", to: "labs/ch11-state/A.swift")
        try kit.write("new", to: "labs/ch11-state/C.swift")
        #expect(!manifest.isStarter("ch11-state", in: labs))
        try FileManager.default.removeItem(at: kit.root.appendingPathComponent("labs/ch11-state/C.swift"))
        try FileManager.default.removeItem(at: kit.root.appendingPathComponent("labs/ch11-state/B.swift"))
        #expect(!manifest.isStarter("ch11-state", in: labs))
        #expect(!manifest.isStarter("lab02-tools", in: labs), "a chapter the manifest does not know is never not_attempted")
    }

    @Test("manifest differences name the chapter and the file that changed")
    func differences() {
        let old = StarterManifest(chapters: ["a": .init(files: ["X.swift": "1"], checks: [entry("a.x")])])
        var new = old
        #expect(ManifestMaker.differences(committed: old, fresh: new).isEmpty)
        new.chapters["a"]?.files["X.swift"] = "2"
        new.chapters["b"] = .init(files: [:], checks: [])
        #expect(ManifestMaker.differences(committed: old, fresh: new) == ["a: starter files changed: X.swift", "b is missing"])
    }

    // Whether the hashes are current is `grade manifest --check` in .ci/run: on a student's
    // edited labs they differ, and a student's edits never turn `swift test` red.
    @Test("the committed manifest covers every chapter of this kit, with its checks")
    func committedManifestCoversChapters() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let kit = try Kit(root: root)
        let manifest = try StarterManifest.load(from: kit)
        for chapter in try kit.chapters() {
            let known = try #require(manifest.chapters[chapter], "\(chapter) is not in labs/starters.json: run `swift run grade manifest`")
            #expect(!known.checks.isEmpty)
            #expect(!known.files.isEmpty)
        }
    }

    @Test("submissions: a kit copy, a labs/ copy, and a zip's single top folder all find the labs")
    func findsLabs() throws {
        let chapters = ["ch11-state"]
        let kitCopy = try TestKit(chapters: ["ch11-state": ["A.swift": "a"]])
        #expect(SubmissionSource.labsFolder(in: kitCopy.root, chapters: chapters)?.lastPathComponent == "labs")
        let labsOnly = try TemporaryDirectory(prefix: "labs-only")
        try FileManager.default.createDirectory(at: labsOnly.url.appendingPathComponent("ch11-state"), withIntermediateDirectories: true)
        #expect(SubmissionSource.labsFolder(in: labsOnly.url, chapters: chapters)?.path == labsOnly.url.path)
        let zipped = try TemporaryDirectory(prefix: "zipped")
        try FileManager.default.createDirectory(at: zipped.url.appendingPathComponent("student-7/labs/ch11-state"), withIntermediateDirectories: true)
        #expect(SubmissionSource.labsFolder(in: zipped.url, chapters: chapters)?.path.hasSuffix("student-7/labs") == true)
        let empty = try TemporaryDirectory(prefix: "empty")
        #expect(SubmissionSource.labsFolder(in: empty.url, chapters: chapters) == nil)
    }

    @Test("watch mode sees the chapter whose file was saved, and only it")
    func changeDetector() {
        let stamp = ChangeDetector.FileStamp(modified: 1, size: 10)
        let old: ChangeDetector.Snapshot = ["a": ["X.swift": stamp], "b": ["Y.swift": stamp]]
        var new = old
        #expect(ChangeDetector.changed(from: old, to: new, chapters: ["a", "b"]).isEmpty)
        new["b"]?["Y.swift"] = .init(modified: 2, size: 10)
        #expect(ChangeDetector.changed(from: old, to: new, chapters: ["a", "b"]) == ["b"])
        new = old
        new["a"]?["Z.swift"] = stamp
        #expect(ChangeDetector.changed(from: old, to: new, chapters: ["a", "b"]) == ["a"])
    }
}
