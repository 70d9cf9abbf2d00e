namespace GovChannel.Thai;

public static class ThaiText
{
}
