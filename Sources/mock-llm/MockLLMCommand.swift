@main
struct MockLLMCommand {
    static func main() {}
}
