#include <stdio.h>

int main(void)
{
    puts("shiryo: under construction");
    return 0;
}
