import ArgumentParser
import PeixunMessages

/// `peixun org …`: organisations of the enrollment service.
struct OrgCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "org", abstract: "Organisations: the tree of city, counties, towns, villages and others.",
        subcommands: [Create.self, Tree.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an organisation under its parent (the city has none).")

        @OptionGroup var service: ServiceOptions

        @Option(help: "Unique code, 1–32 letters, digits, - or _.")
        var code: String

        @Option(help: "Name, e.g. 小榄镇.")
        var name: String

        @Option(help: "The kind of organisation.")
        var kind: OrganisationKind

        @Option(help: "The parent organisation's code (not for the city).")
        var parent: String?

        func run() throws {
            try service.send(
                CreateOrganisation(code: code, name: name, kind: kind, parentCode: parent), answer: OrganisationCreated.self
            ) { created in "created organisation \(created.code) (\(created.organisation))" }
        }
    }

    struct Tree: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show an organisation and everything under it, with the members registered in each.")

        @OptionGroup var service: ServiceOptions

        @Argument(help: "The organisation's code, e.g. 442000 for the whole city.")
        var code: String

        func run() throws {
            try service.ask(ShowOrganisationTree(code: code), answer: OrganisationTreeView.self) { tree in
                tree.nodes.map { node in
                    String(repeating: "  ", count: Int(node.depth))
                        + "\(node.name) \(node.code) (\(CommandLineName.of(node.kind)), \(node.members) members)"
                }.joined(separator: "\n")
            }
        }
    }
}
