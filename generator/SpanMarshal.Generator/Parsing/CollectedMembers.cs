using System.Collections.Generic;

namespace SpanMarshal.Generator.Parsing;

/// <summary>What <see cref="MemberCollector"/> found on a span type and its base classes.</summary>
/// <param name="Fields">Members mapped to span fields, one per field, in span-field order.</param>
/// <param name="Tags">Members marked <c>[SpanTag]</c>, in declaration order, base classes first.</param>
internal sealed record CollectedMembers(List<MappedMember> Fields, List<TaggedMember> Tags);
