import Foundation
import Synchronization

/// Grades every submission in a folder, `jobs` at a time.
///
/// Each job has a slot: a scratch copy of the kit whose `.build` starts as a copy of the kit's
/// own warm build. For each submission only its `labs/<chapter>/` files are placed over the
/// slot's labs (regular files only: no links), so a submission cannot change the checks, and
/// the build recompiles only the chapters that changed. Where bubblewrap works, the slot is
/// mounted at the kit's own path while it builds, so the copied build is warm as it is; without
/// it, each slot builds the dependencies once, from the kit's fetched packages. A
/// submission that cannot be unpacked or graded gets a grade that says so; the batch goes on.
public struct SubmissionBatch: Sendable {
    public struct Environment: Sendable {
        public var runner: any CommandRunning
        public var buildEnvironment: [String: String]
        public var sandbox: Sandbox

        public init(runner: any CommandRunning, buildEnvironment: [String: String], sandbox: Sandbox) {
            self.runner = runner
            self.buildEnvironment = buildEnvironment
            self.sandbox = sandbox
        }
    }

    public let kit: Kit
    public let chapters: [String]
    public let grader: Grader
    public let environment: Environment
    public let jobs: Int
    /// The most a submission's labs may hold.
    public var maxFileBytes = 1 << 20
    public var maxFiles = 200

    public init(kit: Kit, chapters: [String], grader: Grader, environment: Environment, jobs: Int) {
        self.kit = kit
        self.chapters = chapters
        self.grader = grader
        self.environment = environment
        self.jobs = max(1, jobs)
    }

    /// Grades the submissions in `folder`, in their order; `progress` hears of each one done.
    public func grade(folder: URL, progress: @escaping @Sendable (Int, Int, String) -> Void = { _, _, _ in }) throws -> [SubmissionGrade] {
        let sources = try SubmissionSource.list(in: folder)
        let manifest = try StarterManifest.load(from: kit)
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("agent-labs-batch-\(getpid())")
        try? FileManager.default.removeItem(at: work)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }

        // The warm build every slot starts from: the kit's own, with every chapter built.
        for chapter in chapters { _ = grader.builder.build(chapter, in: kit.root) }
        let starters = work.appendingPathComponent("starters")
        try copyTree(kit.labs, to: starters)

        let slotCount = min(jobs, max(1, sources.count))
        let results = Mutex<[Int: SubmissionGrade]>([:])
        let next = Mutex(0)
        let done = Mutex(0)
        let group = DispatchGroup()
        for slotIndex in 0..<slotCount {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                let slot = work.appendingPathComponent("slot-\(slotIndex)")
                let prepared = prepareSlot(slot)
                while true {
                    let index = next.withLock { value -> Int in defer { value += 1 }; return value }
                    guard index < sources.count else { break }
                    let source = sources[index]
                    let grade: SubmissionGrade
                    switch prepared {
                    case .failure(let error):
                        grade = failed(source.name, "the grader could not prepare its scratch copy: \(error)")
                    case .success(let slotKit):
                        grade = gradeOne(source, in: slotKit, slot: slot, work: work, starters: starters, manifest: manifest)
                    }
                    results.withLock { $0[index] = grade }
                    let count = done.withLock { value -> Int in value += 1; return value }
                    progress(count, sources.count, source.name)
                }
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        return results.withLock { graded in (0..<sources.count).compactMap { graded[$0] } }
    }

    /// A scratch copy of the kit (sources, labs, solutions, tests; no .git) with a copy of its
    /// warm `.build`.
    func prepareSlot(_ slot: URL) -> Result<Kit, GradeError> {
        let relocates = if case .bubblewrap = environment.sandbox.mode { true } else { false }
        do {
            try FileManager.default.createDirectory(at: slot, withIntermediateDirectories: true)
            let sources = try FileManager.default.contentsOfDirectory(atPath: kit.root.path)
                .filter { !$0.hasPrefix(".") && $0 != "grade-reports" }.map { kit.root.appendingPathComponent($0) }
            // The warm build, without the grader's own work folders kept in it.
            let build = kit.root.appendingPathComponent(".build")
            let slotBuild = slot.appendingPathComponent(".build")
            try FileManager.default.createDirectory(at: slotBuild, withIntermediateDirectories: true)
            // Compiled modules remember their absolute paths: they are reused only when the slot is
            // mounted at the kit's path. Otherwise the slot keeps the fetched packages and builds
            // once from them.
            let fetched: Set<String> = ["checkouts", "repositories", "artifacts", "workspace-state.json"]
            let buildEntries = ((try? FileManager.default.contentsOfDirectory(atPath: build.path)) ?? [])
                .filter { relocates || fetched.contains($0) }
            for (from, to) in sources.map({ ($0, slot) }) + buildEntries.filter({ !$0.hasPrefix("grade-") && $0 != ".lock" })
                .map({ (build.appendingPathComponent($0), slotBuild) }) {
                let copy = try environment.runner.run(Command("/bin/cp", ["-a", from.path, to.path]), timeLimit: .seconds(600), outputCap: 1 << 16)
                guard copy.termination == .exited(0) else { throw GradeError.io("copying \(from.lastPathComponent): \(copy.output)") }
            }
            return .success(try Kit(root: slot))
        } catch let error as GradeError {
            return .failure(error)
        } catch {
            return .failure(.io("\(error)"))
        }
    }

    func gradeOne(_ source: SubmissionSource, in slotKit: Kit, slot: URL, work: URL, starters: URL, manifest: StarterManifest) -> SubmissionGrade {
        let unpacked = work.appendingPathComponent("unpacked-\(ReportWriter.safeName(source.name))")
        defer { try? FileManager.default.removeItem(at: unpacked) }
        var root = source.location
        if source.isZip {
            try? FileManager.default.createDirectory(at: unpacked, withIntermediateDirectories: true)
            let unzip = try? environment.runner.run(Command("unzip", ["-qq", "-o", source.location.path, "-d", unpacked.path], environment: ["PATH": "/usr/bin:/bin"]),
                                                    timeLimit: .seconds(120), outputCap: 1 << 16)
            guard let unzip, unzip.termination == .exited(0) || unzip.termination == .exited(1) else {
                return failed(source.name, "\(source.location.lastPathComponent) could not be unzipped")
            }
            root = unpacked
        }
        guard let labs = SubmissionSource.labsFolder(in: root, chapters: chapters) else {
            return failed(source.name, "no labs/ folder with a chapter (\(chapters.joined(separator: ", "))) in \(source.location.lastPathComponent)")
        }
        do {
            for chapter in chapters {
                let target = slotKit.labs.appendingPathComponent(chapter)
                try? FileManager.default.removeItem(at: target)
                let submitted = labs.appendingPathComponent(chapter)
                let from = FileManager.default.fileExists(atPath: submitted.path) ? submitted : starters.appendingPathComponent(chapter)
                try copyTree(from, to: target)
            }
        } catch {
            return failed(source.name, "its labs could not be placed: \(error)")
        }
        var builder = grader.builder
        var relocated = false
        if case .bubblewrap(let bwrap) = environment.sandbox.mode {
            let kitPath = kit.root.path, slotPath = slot.path
            builder.wrap = { command in
                Command(bwrap, ["--dev-bind", "/", "/", "--bind", slotPath, kitPath, "--chdir", kitPath, "--die-with-parent", "--", command.executable]
                        + command.arguments, directory: command.directory, environment: command.environment)
            }
            relocated = true
        }
        let slotGrader = Grader(builder: builder, executor: grader.executor, monotonic: grader.monotonic)
            .with(tool: grader.tool, toolchain: grader.toolchain)
        let scratch = work.appendingPathComponent("scratch-\(slot.lastPathComponent)")
        try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        // With the slot mounted at the kit's path, the build runs there; the binaries are the slot's.
        let buildRoot = relocated ? kit.root : slotKit.root
        return slotGrader.grade(kit: slotKit, chapters: chapters, submissionID: source.name, solution: false, scratch: scratch,
                                manifest: manifest, buildRoot: buildRoot)
    }

    func failed(_ name: String, _ why: String) -> SubmissionGrade {
        SubmissionGrade(submissionID: name, tool: grader.tool, toolchain: grader.toolchain, durationMilliseconds: 0,
                        containment: environment.sandbox.containment, chapters: [], error: why)
    }

    /// Copies the regular files under `source` to `target` (made anew), as new files with new
    /// times, so the build sees them changed; links and hidden files are left out, and so are
    /// files past the size and count limits.
    func copyTree(_ source: URL, to target: URL) throws {
        let files = FileManager.default
        try files.createDirectory(at: target, withIntermediateDirectories: true)
        for relative in Kit.regularFiles(under: source).prefix(maxFiles) {
            let from = source.appendingPathComponent(relative)
            let size = (try? files.attributesOfItem(atPath: from.path)[.size] as? Int) ?? 0
            guard size <= maxFileBytes, let data = files.contents(atPath: from.path) else { continue }
            let to = target.appendingPathComponent(relative)
            try files.createDirectory(at: to.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: to)
        }
    }
}

extension Grader {
    func with(tool: String, toolchain: String) -> Grader {
        var copy = self
        copy.tool = tool
        copy.toolchain = toolchain
        return copy
    }
}
