/// Checks a set of schema files together: names, ids, references, cycles and nesting depth.
/// The rules are the ones protocols/README.md ("Schema language", "Evolution") states.
public struct SchemaChecker {
    /// Type names the generated Swift uses itself.
    static let reservedTypeNames: Set<String> = [
        "String", "Bool", "Double", "Int", "Int8", "Int16", "Int32", "Int64", "UInt", "UInt8", "UInt16",
        "UInt32", "UInt64", "Array", "Optional", "Never", "Error", "View", "Self", "Type", "Protocol",
    ]
    /// Member names the generated Swift declares on every struct.
    static let reservedFieldNames: Set<String> = ["typeID", "typeName", "fieldNames", "owned", "View"]

    public static let maxNesting = 32

    public init() {}

    public func check(_ files: [SchemaFile]) throws(SchemaError) {
        var types: [String: SourceLocation] = [:]
        var typeIDs: [Int: SourceLocation] = [:]
        var families: [SchemaFile] = []
        for file in files {
            let at = SourceLocation(path: file.path, line: 1, column: 1)
            if families.contains(where: { $0.family == file.family }) {
                throw SchemaError("family '\(file.family)' is declared twice", at: at)
            }
            if let other = families.first(where: { $0.typeIDs.overlaps(file.typeIDs) }) {
                throw SchemaError("type id range \(file.typeIDs) overlaps family '\(other.family)'", at: at)
            }
            families.append(file)
            // In file order, so a name declared twice is reported at its second declaration.
            for reference in file.order {
                switch reference {
                case .enumeration(let index):
                    let declaration = file.enums[index]
                    try declare(declaration.name, at: declaration.location, in: &types)
                case .structure(let index):
                    let declaration = file.structs[index]
                    try declare(declaration.name, at: declaration.location, in: &types)
                    if let id = declaration.typeID {
                        guard file.typeIDs.contains(id) else {
                            throw SchemaError("type id \(id) of \(declaration.name) is outside family range \(file.typeIDs)", at: declaration.location)
                        }
                        if let previous = typeIDs[id] {
                            throw SchemaError("type id \(id) is already used at \(previous)", at: declaration.location)
                        }
                        typeIDs[id] = declaration.location
                    }
                }
            }
            for declaration in file.enums { try checkEnum(declaration) }
        }
        // Walked in file order (not dictionary order) so the same schema always gives the same error.
        let ordered = files.flatMap(\.structs)
        let structs = Dictionary(uniqueKeysWithValues: ordered.map { ($0.name, $0) })
        let enums = Set(files.flatMap(\.enums).map(\.name))
        for declaration in ordered {
            try checkFields(of: declaration, structs: structs, enums: enums)
        }
        var depths: [String: Int] = [:]
        for declaration in ordered {
            var path: [String] = []
            let depth = try nestingDepth(of: declaration.name, structs: structs, path: &path, memo: &depths)
            guard depth <= Self.maxNesting else {
                throw SchemaError("\(declaration.name) nests structs \(depth) deep (limit \(Self.maxNesting))", at: declaration.location)
            }
        }
    }

    private func declare(_ name: String, at location: SourceLocation, in types: inout [String: SourceLocation]) throws(SchemaError) {
        guard !Self.reservedTypeNames.contains(name) else {
            throw SchemaError("type name '\(name)' is reserved", at: location)
        }
        if let previous = types[name] { throw SchemaError("type '\(name)' is already declared at \(previous)", at: location) }
        types[name] = location
    }

    private func checkEnum(_ declaration: EnumDecl) throws(SchemaError) {
        guard !declaration.cases.isEmpty else { throw SchemaError("enum \(declaration.name) has no cases", at: declaration.location) }
        var names: Set<String> = []
        var values: Set<UInt32> = []
        for item in declaration.cases {
            guard names.insert(item.name).inserted else {
                throw SchemaError("enum case '\(item.name)' is declared twice", at: item.location)
            }
            guard values.insert(item.value).inserted else {
                throw SchemaError("enum value \(item.value) is used twice in \(declaration.name)", at: item.location)
            }
        }
    }

    private func checkFields(of declaration: StructDecl, structs: [String: StructDecl], enums: Set<String>) throws(SchemaError) {
        var names: Set<String> = []
        for (index, field) in declaration.fields.enumerated() {
            guard field.id == index + 1 else {
                throw SchemaError("field '\(field.name)' has id \(field.id); ids must run 1, 2, 3… in order (expected \(index + 1))", at: field.location)
            }
            guard !Self.reservedFieldNames.contains(field.name), field.name.first?.isLowercase == true else {
                throw SchemaError("field name '\(field.name)' must start lower case and not be one of \(Self.reservedFieldNames.sorted())", at: field.location)
            }
            guard names.insert(field.name).inserted else {
                throw SchemaError("field '\(field.name)' is declared twice in \(declaration.name)", at: field.location)
            }
            if case .named(let name) = field.type.base, structs[name] == nil, !enums.contains(name) {
                throw SchemaError("unknown type '\(name)'", at: field.location)
            }
        }
    }

    /// Depth of struct nesting below `name` (0 for a struct of scalars); a cycle is an error.
    private func nestingDepth(
        of name: String, structs: [String: StructDecl], path: inout [String], memo: inout [String: Int]
    ) throws(SchemaError) -> Int {
        if let known = memo[name] { return known }
        guard let declaration = structs[name] else { return 0 }
        if path.contains(name) {
            throw SchemaError("types nest in a cycle: \((path + [name]).joined(separator: " → "))", at: declaration.location)
        }
        path.append(name)
        var depth = 0
        for field in declaration.fields {
            if case .named(let inner) = field.type.base, structs[inner] != nil {
                depth = max(depth, 1 + (try nestingDepth(of: inner, structs: structs, path: &path, memo: &memo)))
            }
        }
        path.removeLast()
        memo[name] = depth
        return depth
    }
}
