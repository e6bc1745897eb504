using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using SpanMarshal.Generator.Parsing;

namespace SpanMarshal.Generator.Diagnostics;

/// <summary>
/// Answers "does a generated marshaller read this member?" for one compilation. A member can be
/// read by the marshaller of its own type or of any marked type derived from it, so the index
/// finds the compilation's span types once, and asks the parser for each one's members only
/// when a member of it or of one of its bases is in question.
/// </summary>
internal sealed class MarshalledMemberIndex
{
    private readonly Compilation _compilation;
    private readonly INamedTypeSymbol? _attribute;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<INamedTypeSymbol, ImmutableHashSet<ISymbol>> _membersBySpanType = new(SymbolEqualityComparer.Default);
    private List<INamedTypeSymbol>? _spanTypes;

    public MarshalledMemberIndex(Compilation compilation, CancellationToken cancellationToken)
    {
        _compilation = compilation;
        _attribute = compilation.GetTypeByMetadataName(KnownNames.GenerateAttribute);
        _cancellationToken = cancellationToken;
    }

    public bool IsMarshalled(ISymbol member)
    {
        if (_attribute is null)
        {
            return false;
        }

        ISymbol definition = member.OriginalDefinition;
        foreach (INamedTypeSymbol spanType in SpanTypes())
        {
            if (IsOrDerivesFrom(spanType, definition.ContainingType) && MembersOf(spanType).Contains(definition))
            {
                return true;
            }
        }

        return false;
    }

    private ImmutableHashSet<ISymbol> MembersOf(INamedTypeSymbol spanType)
    {
        if (!_membersBySpanType.TryGetValue(spanType, out ImmutableHashSet<ISymbol>? members))
        {
            members = MarshalledMembers.Of(spanType, _compilation, _cancellationToken);
            _membersBySpanType.Add(spanType, members);
        }

        return members;
    }

    private List<INamedTypeSymbol> SpanTypes()
    {
        if (_spanTypes is null)
        {
            _spanTypes = [];
            AddSpanTypes(_compilation.Assembly.GlobalNamespace, _spanTypes);
        }

        return _spanTypes;
    }

    private void AddSpanTypes(INamespaceOrTypeSymbol container, List<INamedTypeSymbol> found)
    {
        foreach (ISymbol member in container.GetMembers())
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (member is INamespaceSymbol ns)
            {
                AddSpanTypes(ns, found);
            }
            else if (member is INamedTypeSymbol type)
            {
                if (IsMarked(type))
                {
                    found.Add(type);
                }

                AddSpanTypes(type, found);
            }
        }
    }

    private bool IsMarked(INamedTypeSymbol type)
    {
        foreach (AttributeData data in type.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, _attribute))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsOrDerivesFrom(INamedTypeSymbol type, INamedTypeSymbol candidateBase)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, candidateBase))
            {
                return true;
            }
        }

        return false;
    }
}
