using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Nad.Architecture.Tests;

/// <summary>One use of a type by another: <c>From</c> (a type of the assembly read) needs <c>To</c>.</summary>
public sealed record TypeDependency(string From, string FromNamespace, string To, string ToNamespace);

/// <summary>
/// Every type one NAD assembly's types use, read from the IL: signatures, fields, attributes,
/// locals and the operands of every instruction, so a fully qualified name or a <c>var</c> counts
/// as much as a <c>using</c> line. Nested and compiler-made types (lambdas, iterators, async state
/// machines) count as their outermost declaring type.
/// </summary>
public static class TypeDependencies
{
    public static IReadOnlyList<TypeDependency> Of(string assemblyPath)
    {
        using var assembly = AssemblyDefinition.ReadAssembly(assemblyPath);
        var found = new HashSet<TypeDependency>();
        foreach (var type in assembly.MainModule.GetTypes())
        {
            var owner = Outermost(type);
            if (owner.Name == "<Module>" || string.IsNullOrEmpty(owner.Namespace)) continue;
            var sink = new Sink(owner, found);
            Collect(type, sink);
        }
        return [.. found.OrderBy(d => d.From, StringComparer.Ordinal).ThenBy(d => d.To, StringComparer.Ordinal)];
    }

    /// <summary>The assemblies the file references by name ("Microsoft.AspNetCore.Http", "System.CommandLine").</summary>
    public static IReadOnlyList<string> AssemblyReferences(string assemblyPath)
    {
        using var assembly = AssemblyDefinition.ReadAssembly(assemblyPath);
        return [.. assembly.MainModule.AssemblyReferences.Select(r => r.Name).Order(StringComparer.Ordinal)];
    }

    private static TypeDefinition Outermost(TypeDefinition type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type;
    }

    private static void Collect(TypeDefinition type, Sink sink)
    {
        sink.Add(type.BaseType);
        foreach (var i in type.Interfaces) { sink.Add(i.InterfaceType); sink.Attributes(i); }
        sink.Attributes(type);
        foreach (var g in type.GenericParameters) sink.Constraints(g);
        foreach (var field in type.Fields) { sink.Add(field.FieldType); sink.Attributes(field); }
        foreach (var property in type.Properties) { sink.Add(property.PropertyType); sink.Attributes(property); }
        foreach (var e in type.Events) { sink.Add(e.EventType); sink.Attributes(e); }
        foreach (var method in type.Methods) Collect(method, sink);
    }

    private static void Collect(MethodDefinition method, Sink sink)
    {
        sink.Attributes(method);
        sink.Add(method.ReturnType);
        sink.Attributes(method.MethodReturnType);
        foreach (var p in method.Parameters) { sink.Add(p.ParameterType); sink.Attributes(p); }
        foreach (var g in method.GenericParameters) sink.Constraints(g);
        foreach (var o in method.Overrides) sink.Member(o);
        if (!method.HasBody) return;
        foreach (var v in method.Body.Variables) sink.Add(v.VariableType);
        foreach (var h in method.Body.ExceptionHandlers) sink.Add(h.CatchType);
        foreach (var instruction in method.Body.Instructions)
        {
            switch (instruction.Operand)
            {
                case TypeReference t: sink.Add(t); break;
                case MemberReference m: sink.Member(m); break;
                case CallSite c:
                    sink.Add(c.ReturnType);
                    foreach (var p in c.Parameters) sink.Add(p.ParameterType);
                    break;
            }
        }
    }

    private sealed class Sink(TypeDefinition owner, HashSet<TypeDependency> found)
    {
        private readonly string _from = owner.FullName;
        private readonly string _fromNamespace = owner.Namespace;

        public void Add(TypeReference? type)
        {
            switch (type)
            {
                case null:
                case GenericParameter:
                    return;
                case GenericInstanceType generic:
                    Add(generic.ElementType);
                    foreach (var a in generic.GenericArguments) Add(a);
                    return;
                case FunctionPointerType fp:
                    Add(fp.ReturnType);
                    foreach (var p in fp.Parameters) Add(p.ParameterType);
                    return;
                case TypeSpecification spec: // arrays, pointers, by-ref, modifiers
                    Add(spec.ElementType);
                    return;
            }
            var outer = type;
            while (outer.DeclaringType is not null) outer = outer.DeclaringType;
            if (string.IsNullOrEmpty(outer.Namespace) || outer.FullName == _from) return;
            found.Add(new TypeDependency(_from, _fromNamespace, outer.FullName, outer.Namespace));
        }

        public void Member(MemberReference member)
        {
            Add(member.DeclaringType);
            switch (member)
            {
                case GenericInstanceMethod gm:
                    foreach (var a in gm.GenericArguments) Add(a);
                    Member(gm.ElementMethod);
                    break;
                case MethodReference m:
                    Add(m.ReturnType);
                    foreach (var p in m.Parameters) Add(p.ParameterType);
                    break;
                case FieldReference f:
                    Add(f.FieldType);
                    break;
            }
        }

        public void Constraints(GenericParameter g)
        {
            foreach (var c in g.Constraints) Add(c.ConstraintType);
        }

        public void Attributes(ICustomAttributeProvider provider)
        {
            if (!provider.HasCustomAttributes) return;
            foreach (var a in provider.CustomAttributes)
            {
                Add(a.AttributeType);
                foreach (var arg in a.ConstructorArguments.Concat(a.Properties.Select(p => p.Argument)).Concat(a.Fields.Select(f => f.Argument)))
                    if (arg.Value is TypeReference t) Add(t);
            }
        }
    }
}
