import Foundation
import LabKit

/// Chapter 21's exercises as values, so that one check suite can run against any implementation.
///
/// The labs module, the solutions module and the kit's own buggy and alternative versions each
/// provide one. Students never build this type: their module's `Exercises.swift` does it.
public struct Ch21Exercises: Sendable {
    /// The body of a transactional step: changes the task it is given, or throws.
    public typealias StepBody = @Sendable (inout AgentTask) async throws -> Void
    /// `TaskStepper.step(taskID:_:)` of one stepper.
    public typealias Step = @Sendable (_ taskID: String, _ body: @escaping StepBody) async throws -> AgentTask
    /// `TaskStepper(store:)`, as the function that runs its steps.
    public typealias MakeStepper = @Sendable (_ store: any StateStore) -> Step

    /// `shouldCheckpoint(strategy:after:)`.
    public typealias ShouldCheckpoint = @Sendable (_ strategy: CheckpointStrategy, _ event: CheckpointEvent) throws -> Bool
    /// `validateForResume(_:maxAge:resumable:now:)`.
    public typealias ValidateForResume = @Sendable (
        _ checkpoint: Checkpoint, _ maxAge: Duration, _ resumable: Set<AgentTask.State>, _ now: @escaping Now
    ) throws -> Checkpoint
    /// `rotateCheckpoints(_:keepLast:)`.
    public typealias RotateCheckpoints = @Sendable (_ checkpoints: [Checkpoint], _ keepLast: Int) throws -> CheckpointRotation

    /// `applyPatches(_:to:)`.
    public typealias ApplyPatches = @Sendable (_ patches: [StatePatch], _ state: AgentState) throws -> AgentState
    /// `selectContext(from:currentStep:maxBytes:)`.
    public typealias SelectContext = @Sendable (_ state: AgentState, _ currentStep: String, _ maxBytes: Int) throws -> ContextSlice

    /// `claimNext(in:worker:leaseFor:now:)`.
    public typealias ClaimNext = @Sendable (
        _ tasks: inout [QueueTask], _ worker: String, _ leaseFor: Duration, _ now: Date
    ) throws -> Claim?
    /// `complete(in:lease:result:now:)`.
    public typealias Complete = @Sendable (
        _ tasks: inout [QueueTask], _ lease: Lease, _ result: String, _ now: Date
    ) throws -> QueueTask
    /// `rescueExpired(in:now:)`.
    public typealias RescueExpired = @Sendable (_ tasks: inout [QueueTask], _ now: Date) throws -> [String]
    /// `fullJitterBackoff(attempt:base:cap:using:)`.
    public typealias Backoff = @Sendable (
        _ attempt: Int, _ base: Duration, _ cap: Duration, _ generator: inout SeededGenerator
    ) throws -> Duration

    public var makeStepper: MakeStepper
    public var shouldCheckpoint: ShouldCheckpoint
    public var validateForResume: ValidateForResume
    public var rotateCheckpoints: RotateCheckpoints
    public var applyPatches: ApplyPatches
    public var selectContext: SelectContext
    public var claimNext: ClaimNext
    public var complete: Complete
    public var rescueExpired: RescueExpired
    public var fullJitterBackoff: Backoff

    public init(
        makeStepper: @escaping MakeStepper,
        shouldCheckpoint: @escaping ShouldCheckpoint,
        validateForResume: @escaping ValidateForResume,
        rotateCheckpoints: @escaping RotateCheckpoints,
        applyPatches: @escaping ApplyPatches,
        selectContext: @escaping SelectContext,
        claimNext: @escaping ClaimNext,
        complete: @escaping Complete,
        rescueExpired: @escaping RescueExpired,
        fullJitterBackoff: @escaping Backoff
    ) {
        self.makeStepper = makeStepper
        self.shouldCheckpoint = shouldCheckpoint
        self.validateForResume = validateForResume
        self.rotateCheckpoints = rotateCheckpoints
        self.applyPatches = applyPatches
        self.selectContext = selectContext
        self.claimNext = claimNext
        self.complete = complete
        self.rescueExpired = rescueExpired
        self.fullJitterBackoff = fullJitterBackoff
    }
}
